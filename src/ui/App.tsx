import { ResultPanel } from './ResultPanel';
import { ScenarioPanel } from './ScenarioPanel';

/** The page: for now one scenario, its run button and the verdict. The full lab grows from here. */
export function App() {
  return (
    <>
      <header className="masthead">
        <h1>Metastability Lab</h1>
        <p>A system that is fine, gets a short push, and stays broken after the push is gone.</p>
      </header>
      <main className="layout">
        <ScenarioPanel />
        <ResultPanel />
      </main>
    </>
  );
}
