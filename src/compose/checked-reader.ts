import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { FileReader } from './host.js';

/**
 * The largest file the loader reads (compose files, included and extended files, .env and
 * env_file files): 16 MiB. A thousand-service compose file is about 1 MiB; a larger file is most
 * likely not a compose file at all (a log, an image, a disk dump named by mistake), and reading
 * it whole to find that out could exhaust the memory of the machine.
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * The reader the loader reads text files with: each file once, checked before it is parsed.
 * A file that is over MAX_FILE_BYTES (told by its size, before it is read, when the reader can
 * stat), that is not UTF-8 text (told by its bytes, when the reader has them), or that exists
 * but cannot be read, is reported once, at the file, and read as empty: loading goes on to find
 * the other problems, and the error stops the run.
 */
export function checkedReader(reader: FileReader, diags: Diagnostics, shown: (abs: string) => string): FileReader {
  const texts = new Map<string, string | undefined>();
  const read = (path: string): string | undefined => {
    const stat = reader.stat?.(path);
    if (stat?.kind === 'file' && stat.size > MAX_FILE_BYTES) {
      diags.error('file-too-large', `${shown(path)} is ${mib(stat.size)}: files larger than ${mib(MAX_FILE_BYTES)} are not read`, { file: shown(path), line: 0, column: 0 }, 'name the compose or env file itself: is this file what you meant?');
      return '';
    }
    const bytes = reader.readBytes?.(path);
    const text = bytes ? utf8(bytes) : reader.readFile(path);
    if (text === undefined) {
      if (bytes) {
        const at = invalidUtf8At(bytes);
        diags.error('file-encoding', `${shown(path)} is not UTF-8 text: byte 0x${bytes[at.offset]!.toString(16).padStart(2, '0')} at line ${at.line} cannot start or continue a character`, { file: shown(path), line: at.line, column: at.column }, 'save the file as UTF-8 (is it a binary file?)');
        return '';
      }
      if (stat?.kind === 'file') {
        diags.error('file-unreadable', `${shown(path)} exists but cannot be read`, { file: shown(path), line: 0, column: 0 }, 'check its permissions: the user running compose2kube needs to read it');
        return '';
      }
      return undefined;
    }
    if (text.length > MAX_FILE_BYTES) {
      diags.error('file-too-large', `${shown(path)} is larger than ${mib(MAX_FILE_BYTES)}: it is not read`, { file: shown(path), line: 0, column: 0 }, 'name the compose or env file itself: is this file what you meant?');
      return '';
    }
    return text;
  };
  return {
    ...reader,
    readFile(path) {
      if (!texts.has(path)) texts.set(path, read(path));
      return texts.get(path);
    },
  };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Where the first byte that is not part of a UTF-8 character is: its offset, line and column (in characters). */
function invalidUtf8At(bytes: Uint8Array): { offset: number; line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length || utf8(bytes.subarray(i, i + length)) === undefined) return { offset: i, line, column };
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column++;
    i += length;
  }
  return { offset: 0, line: 1, column: 1 };
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
}
