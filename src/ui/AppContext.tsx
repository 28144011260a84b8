import { createContext, use, type ReactNode } from 'react';
import type { AppCommands, AppServices } from '../app/createApp';

const AppContext = createContext<AppServices | null>(null);

/** Give the components below the page's stores and commands (made by `createApp`: the page's, or a test's with fakes). */
export function AppProvider({ app, children }: { app: AppServices; children: ReactNode }) {
  return <AppContext value={app}>{children}</AppContext>;
}

/** The stores and commands given by the nearest `AppProvider`. */
export function useApp(): AppServices {
  const app = use(AppContext);
  if (app === null) throw new Error('The lab’s components must be used inside <AppProvider>.');
  return app;
}

/** The commands that span several stores. */
export function useCommands(): AppCommands {
  return useApp().commands;
}
