/**
 * Weaviate's gRPC endpoint when only its HTTP URL was configured: the same host on Weaviate's
 * default gRPC port. Both the client and the local stack that starts Weaviate follow it.
 */
export function defaultGrpcUrl(httpUrl: string): string {
  const u = new URL(httpUrl);
  return `${u.protocol}//${u.hostname}:50051`;
}
