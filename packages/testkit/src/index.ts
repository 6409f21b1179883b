export * from './conformance/index';
