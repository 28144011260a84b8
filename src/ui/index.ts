export { App } from './App';
export { RunStoreProvider, useRunState } from './RunStoreContext';
