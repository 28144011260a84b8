import { formatRate, formatSeconds } from './format';
import { useRunState } from './RunStoreContext';

/** The scenario about to run, and the button that runs it. */
export function ScenarioPanel() {
  const scenario = useRunState((s) => s.scenario);
  const running = useRunState((s) => s.status === 'running');
  const run = useRunState((s) => s.run);

  return (
    <section className="panel" aria-labelledby="scenario-heading">
      <h2 id="scenario-heading">Scenario</h2>
      {scenario === null ? (
        <p>Loading the default scenario…</p>
      ) : (
        <dl className="facts">
          <dt>Name</dt>
          <dd>{scenario.name}</dd>
          <dt>Load</dt>
          <dd>
            {scenario.load.clients === null
              ? `${formatRate(scenario.load.rate)}, open loop`
              : `${scenario.load.clients} clients, closed loop`}
          </dd>
          <dt>Duration</dt>
          <dd>{formatSeconds(scenario.duration)}</dd>
          <dt>Seed</dt>
          <dd>{scenario.seed}</dd>
        </dl>
      )}
      <button type="button" onClick={() => void run()} disabled={running}>
        Run
      </button>
    </section>
  );
}
