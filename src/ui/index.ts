export { App } from './App';
export { LabProvider, useLab, useLabStore } from './LabContext';
