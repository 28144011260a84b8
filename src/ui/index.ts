export { App } from './App';
export { LabProvider, useLab, useLabStore } from './LabContext';
export { embedOptions, isAllowedOrigin, parseOriginList, type EmbedOptions } from './embed/embedOptions';
