import type { Lesson } from '../types';
import { ALL_CHARTS, all, fig, recoveryAnswers, summary, verdict, windowed } from './build';

// Lessons 7–9: the capacity a cache hides, the hot shard and correlated failures, and the
// conservation law the lab checks on every run.

const recovery = summary('recoveryTime', 'seconds');

export const cacheLie: Lesson = {
  id: 'cache-flush',
  number: 7,
  title: 'Cache is a lie you agree to believe',
  takeaway: 'A cache’s hit rate is capacity you borrow: know the load it hides, and make sure it can refill under that load.',
  steps: [
    {
      title: 'A cache in front',
      text: '1,000 requests a second reach a look-aside cache that answers 90% of them; the misses go to a server that can serve 300 a second.',
      outcome: 'The cache answered {hit} of requests and goodput was {goodput} of the offered load: the service looks like it serves 1,000 a second.',
      scenario: { preset: 'cache-flush', triggers: [], duration: 120 },
      show: { charts: ['load', 'cache', 'work'], controls: [] },
      figures: { hit: summary('hitRate', 'percent'), goodput: summary('goodputShare', 'percent') },
      claims: [
        { says: 'The cache answered {hit} of requests', rule: fig('hit', 0.85, 0.95) },
        { says: 'goodput was {goodput} of the offered load', rule: all(verdict('stable'), fig('goodput', 0.98)) },
      ],
    },
    {
      title: 'A cache flush',
      text: 'At t = 60 s the cache is emptied. A miss fills its key only if the server answers before the client’s 1 s timeout.',
      scenario: { preset: 'cache-flush' },
      show: { charts: ['load', 'cache', 'work'], controls: [] },
      figures: { recovery, hitAfter: windowed('hitRate', 100, 'percent'), thr: windowed('throughput', 100, 'rate'), good: windowed('goodputShare', 100, 'percent') },
      prediction: {
        question: 'What happens after the flush?',
        answers: recoveryAnswers(60),
        explanation:
          'After t = 100 s the hit rate was {hitAfter}: answers came too late to refill the cache. The server completed {thr} ' +
          'while goodput was {good} of the offered load. The real capacity was 300 a second, not 1,000.',
      },
      claims: [
        { says: 'After t = 100 s the hit rate was {hitAfter}', rule: all(verdict('metastable'), fig('hitAfter', 0, 0.1)) },
        { says: 'while goodput was {good} of the offered load', rule: fig('good', 0, 0.1) },
      ],
      highlight: { target: 'moment', chart: 'cache', at: 60, label: 'flush' },
    },
    {
      title: 'Your turn: let it refill',
      text: 'Change how the cache fills so that a late answer still warms it, and see whether the service recovers.',
      scenario: { preset: 'cache-flush' },
      show: { charts: ['load', 'cache'], controls: ['cache.fill'] },
      figures: { recovery },
      claims: [],
      task: {
        goal: 'Make the service recover from the flush by changing how the cache fills.',
        rule: verdict('recovered'),
        hint: '“read-through” fills a key on every answer from the server, even one its client no longer waits for.',
        hintAfter: 30,
        example: { 'cache.fill': 'read-through' },
      },
      highlight: { target: 'control', control: 'cache.fill', label: 'cache fill' },
    },
    {
      title: 'The cure: refill from late answers',
      text: 'The same flush with a read-through cache: every answer fills its key.',
      outcome: 'The hit rate climbed back and goodput was back {recovery} after the flush.',
      scenario: { preset: 'cache-read-through' },
      show: { charts: ['load', 'cache', 'work'], controls: [] },
      figures: { recovery },
      claims: [{ says: 'goodput was back {recovery} after the flush', rule: all(verdict('recovered'), fig('recovery', 0, 90)) }],
      cure: true,
    },
  ],
};

export const hotShard: Lesson = {
  id: 'hot-shard',
  number: 8,
  title: 'Partitioning and the hot shard',
  takeaway: 'A hot key is a serial bottleneck however many shards there are, and redundancy only helps when failures are independent.',
  steps: [
    {
      title: 'Sixteen shards, one hot key',
      text: '1,000 keys over 16 shards of 4 slots: 640 a second of capacity for 200 offered. Key popularity is Zipf-like.',
      scenario: { preset: 'hot-shard' },
      show: { charts: ['load', 'work'], controls: [] },
      figures: { util: summary('utilisation', 'percent'), goodput: summary('goodputShare', 'percent') },
      prediction: {
        question: 'The cluster has three times the capacity it needs. Does every request get served?',
        answers: [
          { text: 'Yes, it is stable', rule: verdict('stable') },
          { text: 'No, part of the load is never served', rule: verdict('overloaded', 'metastable') },
        ],
        explanation: 'Mean utilisation was only {util}, yet goodput was {goodput} of the offered load: the shard holding the hottest key is saturated while the others idle.',
      },
      claims: [
        { says: 'Mean utilisation was only {util}', rule: fig('util', 0, 0.4) },
        { says: 'yet goodput was {goodput} of the offered load', rule: all(verdict('overloaded'), fig('goodput', 0, 0.95)) },
      ],
    },
    {
      title: 'Twice the shards',
      text: 'The same keys over 32 shards.',
      scenario: { preset: 'hot-shard-more-shards' },
      show: { charts: ['load', 'work'], controls: [] },
      figures: { util: summary('utilisation', 'percent') },
      prediction: {
        question: 'Does doubling the shards fix it?',
        answers: [
          { text: 'Yes, it is stable now', rule: verdict('stable') },
          { text: 'No, it is still overloaded', rule: verdict('overloaded', 'metastable') },
        ],
        explanation: 'Mean utilisation fell to {util}, but the hottest key still lives on one shard, and that shard stays saturated.',
      },
      claims: [{ says: 'Mean utilisation fell to {util}', rule: all(verdict('overloaded'), fig('util', 0.13, 0.18)) }],
    },
    {
      title: 'Two replicas fail together',
      text: 'Reads go to three replicas and need two answers. At t = 60 s two replicas go down together for 30 s.',
      outcome: 'Goodput between 60 and 90 s was {goodOverlap} of the offered load, and {goodLate} afterwards.',
      scenario: { preset: 'correlated-failure' },
      show: { charts: ['load', 'work'], controls: [] },
      figures: { goodOverlap: windowed('goodputShare', 61, 'percent', { to: 89 }), goodLate: windowed('goodputShare', 120, 'percent') },
      claims: [
        { says: 'Goodput between 60 and 90 s was {goodOverlap} of the offered load', rule: fig('goodOverlap', 0, 0.05) },
        { says: 'and {goodLate} afterwards', rule: all(verdict('recovered'), fig('goodLate', 0.98)) },
      ],
      highlight: { target: 'band', chart: 'load', from: 60, to: 90, label: 'two replicas down' },
    },
    {
      title: 'Two replicas fail apart',
      text: 'The same two 30-second failures, at independent random times within five minutes.',
      outcome: 'Goodput from t = 60 s on was {goodput} of the offered load: a read fails only when the two failures overlap.',
      scenario: { preset: 'independent-failures' },
      show: { charts: ['load', 'work'], controls: [] },
      figures: { goodput: windowed('goodputShare', 60, 'percent') },
      claims: [{ says: 'Goodput from t = 60 s on was {goodput} of the offered load', rule: fig('goodput', 0.98) }],
    },
    {
      title: 'The cure: a cache in front of the shards',
      text: 'The 16 shards with a look-aside cache tuned to answer 90% of requests: the hottest keys are the ones most often cached.',
      outcome: 'Goodput was {goodput} of the offered load and the verdict is stable.',
      scenario: { preset: 'hot-shard-cached' },
      show: { charts: ['load', 'cache', 'work'], controls: [] },
      figures: { goodput: summary('goodputShare', 'percent') },
      claims: [{ says: 'Goodput was {goodput} of the offered load and the verdict is stable', rule: all(verdict('stable'), fig('goodput', 0.98)) }],
      cure: true,
    },
  ],
};

export const invariants: Lesson = {
  id: 'invariants',
  number: 9,
  title: 'Invariants, asserted continuously',
  takeaway: 'Every request is accounted for at every instant: arrivals = succeeded + failed + in flight, checked live, so a chart you trust is a chart that balances.',
  steps: [
    {
      title: 'Everything at once',
      text:
        'A cached service with retries, a retry budget and timeouts goes through a spike, an outage, a cache flush ' +
        'and a loss of slots. Watch the invariants panel as each trigger passes.',
      outcome: '{arrivals} requests arrived: {succeeded} succeeded, {failed} failed and {inFlight} were still in flight, so {unaccounted} went unaccounted for.',
      scenario: { preset: 'conservation' },
      show: { charts: ALL_CHARTS, controls: [] },
      figures: {
        arrivals: summary('arrivals', 'count'),
        succeeded: summary('succeeded', 'count'),
        failed: summary('failed', 'count'),
        inFlight: summary('inFlight', 'count'),
        unaccounted: summary('unaccounted', 'count'),
      },
      claims: [{ says: 'so {unaccounted} went unaccounted for', rule: fig('unaccounted', 0, 0) }],
    },
    {
      title: 'Even when stuck',
      text: 'The retry storm: the service never recovers, and tens of thousands of requests fail.',
      scenario: { preset: 'retry-storm' },
      show: { charts: ['load', 'work'], controls: [] },
      figures: { failed: summary('failed', 'count'), unaccounted: summary('unaccounted', 'count') },
      prediction: {
        question: 'Does arrivals = succeeded + failed + in flight still hold?',
        answers: [
          { text: 'Yes, exactly', rule: fig('unaccounted', 0, 0) },
          { text: 'No, some requests are lost', rule: fig('unaccounted', 1) },
        ],
        explanation: '{failed} requests failed, and {unaccounted} went unaccounted for: a failure is counted, never lost.',
      },
      claims: [
        { says: 'tens of thousands of requests fail', rule: all(verdict('metastable'), fig('failed', 10000)) },
        { says: '{unaccounted} went unaccounted for', rule: fig('unaccounted', 0, 0) },
      ],
    },
    {
      title: 'The cure, and the books still balance',
      text: 'The retry storm with a retry budget: the service recovers, and the same law holds through it.',
      outcome: 'Goodput was back {recovery} after the outage; {failed} requests failed and {unaccounted} went unaccounted for.',
      scenario: { preset: 'retry-budget' },
      show: { charts: ALL_CHARTS, controls: [] },
      figures: { recovery, failed: summary('failed', 'count'), unaccounted: summary('unaccounted', 'count') },
      claims: [
        { says: 'Goodput was back {recovery} after the outage', rule: all(verdict('recovered'), fig('recovery', 100, 160)) },
        { says: '{unaccounted} went unaccounted for', rule: fig('unaccounted', 0, 0) },
      ],
      cure: true,
    },
  ],
};
