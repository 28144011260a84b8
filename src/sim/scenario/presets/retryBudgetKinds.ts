import type { Preset } from './preset';
import { retryStormScenario } from './retryStorm';
import { variant } from './variant';

// Lesson 2's budgets as real implementations define them (docs/model.md, "Retry budgets"): the
// retry storm with three retries, behind one budget that ends it and one whose units decide.
const storm = (name: string, budget: Record<string, unknown>) =>
  variant(retryStormScenario(name, 280, 1), { client: { retry: { maxRetries: 3, budget } } });

export const retryQuota: Preset = {
  id: 'retry-quota',
  title: "Retry storm with the AWS SDK's retry quota",
  lesson: 2,
  story:
    "The retry storm with three retries, behind the AWS SDKs' retry quota (their standard retry mode): " +
    '500 units, 10 taken by a retry after a timeout (5 after an error), given back ' +
    'when the retry succeeds, and 1 given back by each success at the first attempt. The outage spends ' +
    'the quota in 50 retries; from then on a retry waits for successes to refill it, and there are ' +
    'almost none.',
  watch:
    'Amplification falls back to 1 once the quota is spent; the backlog drains at the spare 20 requests ' +
    'per second, and goodput returns 140 to 215 s after the outage. Without the quota, the same storm ' +
    'stays stuck.',
  expected: 'recovered',
  claims: [
    { kind: 'window', measure: 'amplification', from: 300, max: 1.01, says: 'Amplification falls back to 1 once the quota is spent', quote: [1] },
    { kind: 'recovery', min: 135, max: 220, says: 'goodput returns 140 to 215 s after the outage', quote: [140, 215] },
    { kind: 'variant', set: { 'client.retry.budget': null }, verdict: 'metastable', says: 'Without the quota, the same storm stays stuck' },
  ],
  scenario: storm("Retry storm with the AWS SDK's retry quota", { kind: 'aws' }),
};

export const envoyBudgetUnits: Preset = {
  id: 'envoy-budget-units',
  title: "Retry storm with Envoy's retry budget",
  lesson: 2,
  story:
    "The retry storm with three retries, behind Envoy's retry budget at its defaults: budget_percent 20 " +
    'and min_retry_concurrency 3. The 20 is a percentage of the requests in flight, retries included, ' +
    'not of the requests sent: retries may be a fifth of all attempts, a quarter on top of the first ' +
    'ones, and this service has 7% to spare.',
  watch:
    'Amplification sits near 1.25 after the outage, and goodput never comes back. Written as 0.2, a ' +
    "fraction in another product's units, budget_percent means 0.2 %: only min_retry_concurrency's 3 " +
    'retries fly at a time, and the storm ends.',
  expected: 'metastable',
  claims: [
    { kind: 'stuck', from: 75, says: 'goodput never comes back' },
    { kind: 'window', measure: 'amplification', from: 100, min: 1.2, max: 1.3, says: 'Amplification sits near 1.25 after the outage', quote: [1.25] },
    {
      kind: 'variant',
      set: { 'client.retry.budget.budgetPercent': 0.2 },
      verdict: 'recovered',
      says: 'Written as 0.2',
      quote: [0.2],
    },
  ],
  scenario: storm("Retry storm with Envoy's retry budget", { kind: 'envoy' }),
};
