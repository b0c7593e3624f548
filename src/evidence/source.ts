/** What a reader reads: a file, the name messages give it, and who wants to know how far it has got. */
import type { ReadStream } from 'node:fs';

export interface ReadTarget {
  /** Where the file is on disk. */
  path: string;
  /** The file as messages name it: its path in the workspace, as the check wrote it. */
  file: string;
  /** Called with the size of each chunk read, for a progress bar. */
  onBytes?: (bytes: number) => void;
}

export function countBytes(stream: ReadStream, onBytes: ((bytes: number) => void) | undefined): ReadStream {
  if (onBytes) stream.on('data', (chunk) => onBytes(chunk.length));
  return stream;
}
