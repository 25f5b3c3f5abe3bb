/**
 * The few file-system calls the server makes, all asynchronous, behind one small interface.
 *
 * Callback style, as node:fs itself, so `read` can also be handed to `fs.createReadStream` and the
 * hot path pays for no promise. The server takes one of these as an option: tests pass a wrapper
 * that fails chosen calls (EACCES, EIO) where the real file system would not, for instance when
 * running as root, which chmod cannot lock out.
 *
 * @example
 *   const failing: FileSystem = { ...nodeFileSystem, open: (path, done) => done(Object.assign(new Error('no'), { code: 'EACCES' }), -1) };
 *   new FileCache(root, { fs: failing });
 */
import { close, fstat, open, read, realpath, stat, type Stats } from 'node:fs';

type Callback<T> = (err: NodeJS.ErrnoException | null, value: T) => void;

export interface FileSystem {
  stat(path: string, done: Callback<Stats>): void;
  /** Resolves every symlink, as realpath(3). */
  realpath(path: string, done: Callback<string>): void;
  /** Opens for reading. */
  open(path: string, done: Callback<number>): void;
  fstat(fd: number, done: Callback<Stats>): void;
  read(fd: number, buffer: Buffer, offset: number, length: number, position: number, done: Callback<number>): void;
  close(fd: number, done: (err: NodeJS.ErrnoException | null) => void): void;
}

export const nodeFileSystem: FileSystem = {
  stat: (path, done) => stat(path, done),
  realpath: (path, done) => realpath.native(path, done),
  open: (path, done) => open(path, 'r', done),
  fstat: (fd, done) => fstat(fd, done),
  read: (fd, buffer, offset, length, position, done) => read(fd, buffer, offset, length, position, done),
  close: (fd, done) => close(fd, done),
};

/** The same calls as promises, for the paths off the hot one. */
export function statOf(fs: FileSystem, path: string): Promise<Stats> {
  return new Promise((resolve, reject) => fs.stat(path, (err, st) => (err ? reject(err) : resolve(st))));
}

export function realpathOf(fs: FileSystem, path: string): Promise<string> {
  return new Promise((resolve, reject) => fs.realpath(path, (err, real) => (err ? reject(err) : resolve(real))));
}

export function openFor(fs: FileSystem, path: string): Promise<number> {
  return new Promise((resolve, reject) => fs.open(path, (err, fd) => (err ? reject(err) : resolve(fd))));
}

export function fstatOf(fs: FileSystem, fd: number): Promise<Stats> {
  return new Promise((resolve, reject) => fs.fstat(fd, (err, st) => (err ? reject(err) : resolve(st))));
}

export function readAt(fs: FileSystem, fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => fs.read(fd, buffer, offset, length, position, (err, n) => (err ? reject(err) : resolve(n))));
}

/** Closing never fails a request: the descriptor is gone either way. */
export function closeQuietly(fs: FileSystem, fd: number): void {
  fs.close(fd, () => {});
}

/** The path or one of its folders does not exist, or cannot be a file: nothing to serve. */
export function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' || code === 'ELOOP' || code === 'EISDIR';
}

/** It exists but this process may not read it: the publisher's mistake, worth a 403 and a log line. */
export function isPermissionError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EACCES' || code === 'EPERM';
}
