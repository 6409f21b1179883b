export type * from './declarations';
export type * from './options';
export type * from './provider';
export type * from './results';
