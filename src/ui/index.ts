export { App } from './App';
export { AppProvider, useApp, useCommands } from './AppContext';
export { useLab, useLabStore } from './LabContext';
export { embedOptions, isAllowedOrigin, parseOriginList, type EmbedOptions } from './embed/embedOptions';
