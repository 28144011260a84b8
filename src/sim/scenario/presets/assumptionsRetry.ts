/**
 * The assumptions of the retry storm, its variants and its cures (lessons 1–3, 5 and 6): what each story rests on and
 * the change that breaks it. The verdicts and figures in `says` are the engine's, measured over seeds 1–10.
 */
import { cureStaysOn, loadAboveCapacity, loadNearCapacity, openLoop, recovering, retriesOff, retriesOn, setBreak, type Assumption } from './assumptionBuilders';

export const RETRY_ASSUMPTIONS: Readonly<Record<string, readonly Assumption[]>> = {
  'retry-storm': [
    recovering(retriesOff(1, ['recovered'], 'nothing feeds the backlog beyond the offered load, which drains at the spare 20/s: recovered about 2 min after the outage'), 100, 160),
    recovering(
      loadNearCapacity(
        'the load stays near capacity: 280 of 300 requests per second',
        140,
        ['recovered'],
        'doubled by retries, 140/s stays below capacity, so the backlog drains, slowly: recovered about 2 min after the outage',
      ),
      90,
      160,
    ),
    recovering(openLoop(280, ['recovered'], 'clients stuck on timeouts and retries send no new requests, so the load falls with the service and the backlog drains: recovered within about 20 s'), 10, 25),
  ],
  'retry-storm-low-load': [
    loadAboveCapacity(140),
    setBreak(
      'one-retry',
      'clients retry once',
      'let clients retry up to 3 times',
      { 'client.retry.maxRetries': 3 },
      ['metastable'],
      'retries multiply the load past capacity, so the backlog no longer drains: stuck',
    ),
  ],
  'retry-storm-no-retries': [loadAboveCapacity(280), retriesOn(1, ['metastable'], 'with one retry this is the retry storm: stuck after the outage')],
  'retry-budget': [loadAboveCapacity(280), cureStaysOn('budget-on', 'the retry budget stays on', 'turn the retry budget off', { 'client.retry.budget': null })],
  'lifo-queue': [
    loadAboveCapacity(280),
    cureStaysOn('lifo-on', 'the queue serves the newest first (LIFO)', 'switch the queue back to FIFO', { 'server.queue.discipline': 'fifo' }),
  ],
  'bounded-queue': [
    loadAboveCapacity(280),
    cureStaysOn('queue-bounded', 'the queue holds at most 150 calls', 'remove the queue limit', { 'server.queue.limit': null }),
  ],
  'cancel-on-timeout': [
    loadAboveCapacity(280),
    cureStaysOn('cancel-on', 'the server drops work whose client timed out', 'turn cancellation off', { 'server.cancelOnTimeout': false }),
  ],
  'circuit-breaker': [loadAboveCapacity(280), cureStaysOn('breaker-on', 'the circuit breaker stays on', 'turn the breaker off', { 'client.breaker': null })],
  'admission-control': [
    loadAboveCapacity(280),
    cureStaysOn('admission-on', 'admission control stays on', 'turn admission control off', { 'client.admission': null }),
  ],
  'retry-quota': [loadAboveCapacity(280), cureStaysOn('quota-on', 'the retry quota stays on', 'turn the retry quota off', { 'client.retry.budget': null })],
  'envoy-budget-units': [
    setBreak(
      'budget-percent-20',
      "the budget is written in Envoy's units: budget_percent 20, a fifth of the attempts in flight",
      "write it as 0.2, a fraction in another product's units",
      { 'client.retry.budget.budgetPercent': 0.2 },
      ['recovered'],
      'budget_percent 0.2 means 0.2 %: only min_retry_concurrency’s 3 retries fly at a time, and the storm ends',
    ),
    retriesOff(3, ['recovered'], 'with no retries the backlog drains at the spare 20/s: recovered after the outage'),
  ],
  'backoff-open-loop': [
    recovering(
      openLoop(
        280,
        ['recovered'],
        'a client that backs off sends nothing new meanwhile, so backoff now sheds load: recovered within about 15 s of the outage',
      ),
      8,
      20,
    ),
    recovering(retriesOff(1, ['recovered'], 'with no retries to defer, the backlog drains at the spare 20/s: recovered about 2 min after the outage'), 100, 160),
  ],
  'autoscale-late': [
    recovering(
      setBreak(
        'scaling-too-small',
        'the autoscaler adds 5 slots at a time, up to 40 (400 requests per second), less than the doubled load',
        'let it add 20 slots at a time, up to 80 (800/s)',
        { 'server.autoscale.step': 20, 'server.autoscale.max': 80 },
        ['recovered'],
        'capacity outgrows the doubled load and the backlog drains: recovered within about 40 s of the outage',
      ),
      25,
      45,
    ),
    recovering(retriesOff(1, ['recovered'], 'nothing doubles the load, which stays at 280/s, below the capacity the autoscaler adds, and the backlog drains: recovered within about 30 s'), 15, 35),
  ],
  'queue-too-deep': [
    recovering(
      setBreak(
        'queue-deep',
        'the queue holds 600 calls, two seconds of work, more than the 1-s timeout',
        'bound the queue at 150 calls, less than the timeout',
        { 'server.queue.limit': 150 },
        ['recovered'],
        'everything the queue holds can finish in time: recovered within seconds of the outage',
      ),
      0,
      10,
    ),
    recovering(retriesOff(1, ['recovered'], 'timeouts no longer double the load and the backlog drains: recovered within about 35 s of the outage'), 10, 40),
  ],
};
