/**
 * Where evidence files' bytes live, content-addressed by their SHA-256 (hex): a folder beside the database on Node
 * (src/node.ts), the R2 bucket `FILES` on Workers (src/worker.ts). Injected like the database, so the app does no I/O
 * of its own. `put` stores the bytes under their hash only once they are all written (a crash leaves no half file
 * under a hash), and does nothing when that hash is already stored; `get` answers the bytes or null.
 */
export interface FileStore {
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  get(sha256: string): Promise<ReadableStream<Uint8Array> | null>;
}

/** No store: an app built without one (a Worker without the FILES binding) refuses uploads and downloads. */
export const noFileStore: FileStore = {
  put: () => Promise.reject(new Error('no file store configured')),
  get: () => Promise.resolve(null),
};

/** The SHA-256 of the bytes as lower-case hex (Web Crypto: the same on Node and Workers). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
