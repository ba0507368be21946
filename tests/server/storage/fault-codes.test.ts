import { describe, expect, it } from 'vitest';
import { faultWords, isStorageFault } from '../../../server/storage/watched.js';

/**
 * The codes of the system and of SQLite that a store's file I/O meets (the journal's writes, SQLite's
 * own): each one that is given words of a kind is also counted as a fault of the medium, so the
 * server remembers it and answers 503 with those words, whichever write met it.
 */
const MEDIUM_CODES = [
  'ENOSPC',
  'EDQUOT',
  'EFBIG',
  'EROFS',
  'EACCES',
  'EPERM',
  'EIO',
  'ENOENT',
  'SQLITE_FULL',
  'SQLITE_IOERR_WRITE',
  'SQLITE_IOERR_FSYNC',
  'SQLITE_READONLY',
  'SQLITE_READONLY_DBMOVED',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_PROTOCOL',
];

describe('the codes of a failing medium', () => {
  it('EFBIG is a file grown to the largest size allowed, in Swedish and English', () => {
    const err = Object.assign(new Error('EFBIG: file too large, write'), { code: 'EFBIG' });
    expect(faultWords(err.message, err)).toEqual({
      sv: 'filen får inte bli större: den nådde gränsen för filstorlek, ulimit -f, eller den största fil filsystemet rymmer',
      en: 'the file may grow no larger: it reached the file-size limit, ulimit -f, or the largest file its file system holds',
    });
    expect(faultWords('write failed: File too large')).toEqual(faultWords(err.message, err));
  });

  it.each(MEDIUM_CODES)('%s is a storage fault with words of its kind', (code) => {
    const err = Object.assign(new Error(`${code}: failed`), { code });
    expect(faultWords(err.message, err).en).not.toBe('a fault of unknown kind');
    expect(isStorageFault(err)).toBe(true);
  });
});
