# syntax=docker/dockerfile:1
# Quarry's image: one image, two roles. `serve` (the default command) runs the API against the
# servers named in TEMPORAL_ADDRESS and WEAVIATE_URL; `worker` runs a Temporal worker.
# Model files are not baked in: docker-compose.yml mounts them at /models (docs/DEPLOY.md).

# The Node the tests run on: the `node` devDependency in package.json (the unit test checks).
ARG NODE_VERSION=24.9.0

# ---- deps: every dependency, for the build -------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
# onnxruntime-node ships its CPU binaries in the npm package; this stops its install script from
# fetching GPU extras whenever scripts do run.
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: the root `prepare` script runs the build and the sources are not copied yet,
# and the build needs no install script of any dependency.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund

# ---- build: compile TypeScript to dist/ ----------------------------------------------------
FROM deps AS build
COPY . .
RUN npm run build

# ---- runtime: production dependencies and the compiled code only ---------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# Every interface: `serve` then needs QUARRY_API_KEYS, and refuses to start without them (unless
# QUARRY_ALLOW_UNAUTHENTICATED=true). The `worker` role listens on no port.
ENV NODE_ENV=production \
    QUARRY_HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts again: `prepare` would try to build (TypeScript is a devDependency), and the
# native packages Quarry uses ship prebuilt binaries, so no install script is needed.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY dashboard ./dashboard
# The code stays owned by root and read-only to the process; /data (staged uploads, unless
# QUARRY_STAGING_DATABASE_URL stages them in PostgreSQL) is the process's own, and a new named
# volume mounted there inherits that ownership.
RUN mkdir -p /data && chown node:node /data
ENV QUARRY_DATA_DIR=/data
USER node
EXPOSE 3000
# The API's readiness; the worker role overrides it (see docker-compose.yml). No curl in the image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=4 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/quarry.js"]
CMD ["serve"]
