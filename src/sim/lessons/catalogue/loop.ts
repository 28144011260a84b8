import type { Lesson } from '../types';
import { ALL_CHARTS, all, fig, recoveryAnswers, summary, verdict, windowed } from './build';

// Lessons 1–3: a metastable failure, the cures that break its loop, and why backoff is not one.
// The queue series is a time integral per bin divided by its length, so a bound met exactly may
// be off in the last bits: rules on it allow 1e-6.

const recovery = summary('recoveryTime', 'seconds');

export const metastableFailure: Lesson = {
  id: 'retry-storm',
  number: 1,
  title: 'Metastable failure',
  takeaway: 'A metastable failure outlives its trigger: the system’s own reaction (here, retries) keeps it overloaded until something breaks the loop.',
  steps: [
    {
      title: 'A busy, healthy service',
      text:
        'Requests arrive at 280 a second from independent clients. Thirty slots serve up to 300 a second; a client ' +
        'gives up after 1 s and retries once. Watch the load chart as the run plays.',
      outcome: 'With no trigger the service answers {goodput} of the offered load, its slots are {util} busy and the p99 latency is {p99}: nothing looks wrong.',
      scenario: { preset: 'retry-storm', triggers: [], duration: 120 },
      show: { charts: ['load', 'queue', 'latency'], controls: [] },
      figures: { goodput: summary('goodputShare', 'percent'), util: summary('utilisation', 'percent'), p99: summary('p99', 'ms') },
      claims: [{ says: 'nothing looks wrong', rule: all(verdict('stable'), fig('goodput', 0.98), fig('p99', 0, 1)) }],
      highlight: { target: 'band', chart: 'load', from: 0, to: 120, label: '280 of 300 per second' },
    },
    {
      title: 'A 10-second outage',
      text: 'At t = 60 s the server stops for 10 s; requests keep arriving and queue up. The outage ends at t = 70 s.',
      scenario: { preset: 'retry-storm' },
      show: { charts: ALL_CHARTS, controls: [] },
      figures: {
        recovery,
        goodAfter: windowed('goodputShare', 80, 'percent'),
        thrAfter: windowed('throughput', 100, 'rate'),
        ampAfter: windowed('amplification', 100, 'times'),
        wastedAfter: windowed('wastedShare', 100, 'percent'),
      },
      prediction: {
        question: 'The outage ends at t = 70 s. What happens to goodput?',
        answers: recoveryAnswers(60),
        explanation:
          'After t = 80 s the service answered only {goodAfter} of the offered load, yet the server completed ' +
          '{thrAfter}: it kept working at capacity. Each request was sent {ampAfter} on average, and {wastedAfter} ' +
          'of the answers came after their client had given up.',
      },
      claims: [
        { says: 'the service answered only {goodAfter} of the offered load', rule: fig('goodAfter', 0, 0.05) },
        { says: 'it kept working at capacity', rule: fig('thrAfter', 285) },
        { says: 'Each request was sent {ampAfter} on average', rule: fig('ampAfter', 1.9, 2.1) },
      ],
      highlight: { target: 'band', chart: 'load', from: 60, to: 70, label: 'outage' },
    },
    {
      title: 'What keeps it stuck',
      text: 'The same outage, but clients never retry: a request that times out is simply lost.',
      scenario: { preset: 'retry-storm-no-retries' },
      show: { charts: ['load', 'queue', 'amplification'], controls: [] },
      figures: { recovery, ampAfter: windowed('amplification', 100, 'times') },
      prediction: {
        question: 'Without retries, what happens to goodput after the outage?',
        answers: recoveryAnswers(60),
        explanation:
          'The backlog drained at the spare 20 per second and goodput came back {recovery} after the outage ended, ' +
          'with amplification at {ampAfter}. With retries every timeout added an attempt and the backlog never ' +
          'drained: the retries are the sustaining effect.',
      },
      claims: [
        { says: 'goodput came back {recovery} after the outage ended', rule: all(verdict('recovered'), fig('recovery', 100, 160)) },
        { says: 'with amplification at {ampAfter}', rule: fig('ampAfter', 0.99, 1.01) },
      ],
      highlight: { target: 'band', chart: 'queue', from: 60, to: 200, label: 'the backlog drains' },
    },
    {
      title: 'Your turn: how much headroom?',
      text: 'Retries are back. Lower the offered load until the service recovers from the same outage by itself.',
      outcome: 'This run’s verdict: goodput {goodAfter} of the offered load after t = 80 s.',
      scenario: { preset: 'retry-storm' },
      show: { charts: ['load', 'queue', 'amplification'], controls: ['load.rate'] },
      figures: { recovery, goodAfter: windowed('goodputShare', 80, 'percent') },
      claims: [],
      task: {
        goal: 'Find an offered load at which the service recovers after the outage.',
        rule: verdict('recovered'),
        hint: 'Retries double the load: at 140 per second, half of today’s, the doubled load still fits under the 300 of capacity.',
        hintAfter: 30,
        example: { 'load.rate': 140 },
      },
      highlight: { target: 'control', control: 'load.rate', label: 'offered load' },
    },
    {
      title: 'The cure: a retry budget',
      text:
        'Back at 280 a second, clients now keep a retry budget: a token spent per failed attempt, a tenth of one ' +
        'earned per success, and no retry while fewer than half remain.',
      outcome: 'Amplification peaked at {ampMax} and goodput was back {recovery} after the outage: the loop is broken.',
      scenario: { preset: 'retry-budget' },
      show: { charts: ALL_CHARTS, controls: [] },
      figures: { recovery, ampMax: windowed('amplification', 55, 'times', { stat: 'max' }) },
      claims: [
        { says: 'Amplification peaked at {ampMax}', rule: fig('ampMax', 0, 1.1) },
        { says: 'goodput was back {recovery} after the outage', rule: all(verdict('recovered'), fig('recovery', 100, 160)) },
      ],
      cure: true,
    },
  ],
};

export const breakingTheLoop: Lesson = {
  id: 'breaking-the-loop',
  number: 2,
  title: 'Breaking the loop',
  takeaway: 'Break the loop at its source: keep the queue shorter than the timeout, serve fresh work first, and stop retrying when retries fail.',
  steps: [
    {
      title: 'The storm, again',
      text: 'The retry storm of lesson 1: after a 10 s outage it never recovers. Each step below changes one thing.',
      outcome: 'After t = 80 s goodput is {goodAfter} of the offered load, so it never recovers.',
      scenario: { preset: 'retry-storm' },
      show: { charts: ['load', 'queue', 'amplification'], controls: [] },
      figures: { goodAfter: windowed('goodputShare', 80, 'percent') },
      claims: [{ says: 'so it never recovers', rule: all(verdict('metastable'), fig('goodAfter', 0, 0.05)) }],
    },
    {
      title: 'A bounded queue',
      text: 'The server now keeps at most 150 requests waiting, half a second of work, and turns the rest away.',
      scenario: { preset: 'bounded-queue' },
      show: { charts: ['load', 'queue', 'work'], controls: [] },
      figures: {
        recovery,
        queueMax: windowed('queue', 0, 'count', { stat: 'max' }),
        rejOutage: windowed('rejected', 60, 'rate', { to: 70 }),
      },
      prediction: {
        question: 'With 150 waiting places, what happens to goodput after the outage?',
        answers: recoveryAnswers(10),
        explanation:
          'During the outage {rejOutage} were turned away, the queue never held more than {queueMax}, and goodput was ' +
          'back {recovery} after it: everything still waiting could finish within the 1 s timeout.',
      },
      claims: [
        { says: 'the queue never held more than {queueMax}', rule: fig('queueMax', 0, 150 + 1e-6) },
        { says: 'goodput was back {recovery} after it', rule: all(verdict('recovered'), fig('recovery', 0, 10)) },
      ],
      highlight: { target: 'band', chart: 'queue', from: 60, to: 70, label: 'outage: the queue fills to 150' },
    },
    {
      title: 'Newest first',
      text: 'No bound, but the server serves the newest request first (LIFO). The backlog stays; fresh requests skip it.',
      outcome: 'Goodput was back {recovery} after the outage, while about {queueLate} stale requests still waited at the bottom of the queue.',
      scenario: { preset: 'lifo-queue' },
      show: { charts: ['load', 'queue', 'latency'], controls: [] },
      figures: { recovery, queueLate: windowed('queue', 300, 'count') },
      claims: [
        { says: 'Goodput was back {recovery} after the outage', rule: all(verdict('recovered'), fig('recovery', 0, 10)) },
        { says: 'stale requests still waited at the bottom of the queue', rule: fig('queueLate', 500) },
      ],
    },
    {
      title: 'A circuit breaker',
      text: 'FIFO again, with a client-side circuit breaker: when half the attempts in 10 s fail, it refuses every call for 5 s.',
      outcome: 'While the breaker was open attempts fell to {ampOpen} the offered load, and goodput was back {recovery} after the outage.',
      scenario: { preset: 'circuit-breaker' },
      show: { charts: ['load', 'amplification', 'work'], controls: [] },
      figures: { recovery, ampOpen: windowed('amplification', 70, 'times', { to: 85 }) },
      claims: [
        { says: 'attempts fell to {ampOpen} the offered load', rule: fig('ampOpen', 0, 0.5) },
        { says: 'goodput was back {recovery} after the outage', rule: all(verdict('recovered'), fig('recovery', 10, 20)) },
      ],
    },
    {
      title: 'Admission control',
      text:
        "FIFO, no breaker: Envoy's admission control filter at its defaults judges each new request before its retries, " +
        'rejecting more of them the further the success rate over the last 30 s falls under 95 %, at most 80 %.',
      scenario: { preset: 'admission-control' },
      show: { charts: ['load', 'amplification', 'work'], controls: [] },
      figures: { recovery, ampLate: windowed('amplification', 150, 'times') },
      prediction: {
        question: 'The breaker was back within about 15 s. How soon is admission control?',
        answers: recoveryAnswers(30),
        explanation:
          'Goodput was back {recovery} after the outage, with amplification at {ampLate} from t = 150 s: at most 80 % ' +
          'of new requests are turned away, and the retries of those let through still go out, so the backlog drains ' +
          'more slowly than behind a breaker that refuses every attempt while open.',
      },
      claims: [
        { says: 'Goodput was back {recovery} after the outage', rule: all(verdict('recovered'), fig('recovery', 30, 90)) },
        { says: 'with amplification at {ampLate} from t = 150 s', rule: fig('ampLate', 0.99, 1.01) },
      ],
    },
    {
      title: 'A budget in the wrong units',
      text:
        "Three retries behind Envoy's retry budget at its defaults: budget_percent 20 lets retries be a fifth of the " +
        'attempts in flight, and this service has only 7 % to spare.',
      scenario: { preset: 'envoy-budget-units' },
      show: { charts: ['load', 'amplification'], controls: [] },
      figures: { recovery, ampLate: windowed('amplification', 100, 'times'), goodLate: windowed('goodputShare', 100, 'percent') },
      prediction: {
        question: 'A retry budget is on. What happens after the outage?',
        answers: recoveryAnswers(60),
        explanation:
          'Amplification sat at {ampLate} after t = 100 s and goodput at {goodLate} of the offered load: a budget of 20 % ' +
          'of the attempts in flight still adds a quarter to the load, more than the service can spare. Written as 0.2 ' +
          '(0.2 %), as another product would take it, the budget ends the storm.',
      },
      claims: [
        { says: 'Amplification sat at {ampLate} after t = 100 s', rule: all(verdict('metastable'), fig('ampLate', 1.2, 1.3)) },
        { says: 'goodput at {goodLate} of the offered load', rule: fig('goodLate', 0, 0.1) },
      ],
    },
    {
      title: 'A concurrency limiter',
      text:
        "One retry again, and an AIMD concurrency limit in front of the server with Netflix's defaults: the limit grows " +
        'by one while calls come back fast and shrinks by a tenth when one comes back late or is dropped.',
      scenario: { preset: 'retry-storm', set: { 'server.limiter': { kind: 'aimd' } } },
      show: { charts: ['load', 'queue', 'amplification'], controls: [] },
      figures: { recovery, ampLate: windowed('amplification', 100, 'times') },
      outcome: 'Calls beyond the limit were turned away at once, and goodput was back {recovery} after the outage, with amplification at {ampLate}.',
      claims: [
        { says: 'goodput was back {recovery} after the outage', rule: all(verdict('recovered'), fig('recovery', 0, 10)) },
        { says: 'with amplification at {ampLate}', rule: fig('ampLate', 0.99, 1.05) },
      ],
    },
    {
      title: 'Your turn: bound the queue',
      text: 'The storm once more. Turn on a queue limit and choose it so that the service recovers within 10 s of the outage.',
      scenario: { preset: 'retry-storm' },
      show: { charts: ['load', 'queue'], controls: ['server.queue.limit'] },
      figures: { recovery },
      claims: [],
      task: {
        goal: 'Recover within 10 s of the outage with a queue limit.',
        rule: all(verdict('recovered'), fig('recovery', 0, 10)),
        hint: 'The server serves 300 a second and clients wait 1 s: a request behind more than 300 others times out before it is served.',
        hintAfter: 30,
        example: { 'server.queue.limit': 150 },
      },
      highlight: { target: 'control', control: 'server.queue.limit', label: 'queue limit' },
    },
    {
      title: 'The cure: bound and budget',
      text: 'A 150-place queue and a retry budget together: the queue sheds the outage’s excess and the budget stops retries feeding it.',
      outcome: 'Amplification peaked at {ampMax} and goodput was back {recovery} after the outage.',
      scenario: { preset: 'retry-storm', set: { 'server.queue.limit': 150, 'client.retry.budget': { tokens: 10, ratio: 0.1 } } },
      show: { charts: ALL_CHARTS, controls: [] },
      figures: { recovery, ampMax: windowed('amplification', 55, 'times', { stat: 'max' }) },
      claims: [
        { says: 'Amplification peaked at {ampMax}', rule: fig('ampMax', 0, 1.1) },
        { says: 'goodput was back {recovery} after the outage', rule: all(verdict('recovered'), fig('recovery', 0, 10)) },
      ],
      cure: true,
    },
  ],
};

export const backoffOpenLoop: Lesson = {
  id: 'backoff-open-loop',
  number: 3,
  title: 'Backoff does not cure sustained overload',
  takeaway: 'With many independent clients, backoff only moves the surge later: shed load, or add capacity before the storm forms.',
  steps: [
    {
      title: 'Exponential backoff',
      text: 'The retry storm, but clients wait before retrying: 1 s, 2 s, 4 s … up to 30 s, with full jitter.',
      scenario: { preset: 'backoff-open-loop' },
      show: { charts: ['load', 'queue', 'amplification'], controls: [] },
      figures: { recovery, ampAfter: windowed('amplification', 100, 'times') },
      prediction: {
        question: 'Does backoff let the service recover from the outage?',
        answers: recoveryAnswers(60),
        explanation:
          'After t = 100 s attempts still ran at {ampAfter} the offered load: each retry came later, but it came, ' +
          'and new clients kept arriving at 280 a second whatever the old ones did.',
      },
      claims: [{ says: 'attempts still ran at {ampAfter} the offered load', rule: all(verdict('metastable'), fig('ampAfter', 1.9, 2.1)) }],
      highlight: { target: 'band', chart: 'amplification', from: 70, to: 400, label: 'retries deferred, not removed' },
    },
    {
      title: 'Autoscaling, 30 s late',
      text: 'No backoff; instead slots are added 30 s after utilisation stays above 80%, up to 40 slots (400 a second).',
      scenario: { preset: 'autoscale-late' },
      show: { charts: ['load', 'work'], controls: [] },
      figures: { recovery, capMax: windowed('capacity', 70, 'rate', { stat: 'max' }), attemptsLate: windowed('attempts', 200, 'rate') },
      prediction: {
        question: 'Capacity grows by a third after the outage. Is that enough?',
        answers: recoveryAnswers(60),
        explanation: 'Capacity reached {capMax}, but by then attempts ran at {attemptsLate}: the retries had already doubled the load.',
      },
      claims: [
        { says: 'Capacity reached {capMax}', rule: fig('capMax', 399, 401) },
        { says: 'attempts ran at {attemptsLate}', rule: all(verdict('metastable'), fig('attemptsLate', 530, 590)) },
      ],
    },
    {
      title: 'Your turn: scale far enough',
      text: 'Raise the autoscaling limit until the added capacity can serve the doubled load and the service recovers.',
      scenario: { preset: 'autoscale-late' },
      show: { charts: ['load', 'work'], controls: ['server.autoscale.max'] },
      figures: { recovery },
      claims: [],
      task: {
        goal: 'Make the service recover with a larger autoscaling limit.',
        rule: verdict('recovered'),
        hint: 'Retries double 280 to about 560 a second; each slot serves 10 a second.',
        hintAfter: 30,
        example: { 'server.autoscale.max': 80 },
      },
      highlight: { target: 'control', control: 'server.autoscale.max', label: 'autoscaling limit' },
    },
    {
      title: 'The cure: shed load',
      text: 'Backoff as before, plus a queue of 150 places that turns away what it cannot serve in time.',
      outcome: 'Goodput was back {recovery} after the outage, with amplification at {ampAfter} after t = 100 s.',
      scenario: { preset: 'backoff-open-loop', set: { 'server.queue.limit': 150 } },
      show: { charts: ['load', 'queue', 'amplification'], controls: [] },
      figures: { recovery, ampAfter: windowed('amplification', 100, 'times') },
      claims: [{ says: 'Goodput was back {recovery} after the outage', rule: all(verdict('recovered'), fig('recovery', 0, 30)) }],
      cure: true,
    },
  ],
};
