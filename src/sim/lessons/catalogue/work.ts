import type { Lesson } from '../types';
import { ALL_CHARTS, all, fig, summary, verdict, windowed } from './build';

// Lessons 4–6: the tail, goodput against throughput, and queues that store a spike.

const recovery = summary('recoveryTime', 'seconds');

export const tailLatency: Lesson = {
  id: 'tail-at-scale',
  number: 4,
  title: 'Tail latency dominates',
  takeaway: 'Users meet the tail, not the median: fan-out makes a rare outlier common, and hedging cuts the tail for a few percent more load.',
  steps: [
    {
      title: 'A slow tail',
      text: 'One backend answers in 10 ms on average, except one call in a hundred that takes about a second.',
      scenario: { preset: 'slow-tail' },
      show: { charts: ['latency'], controls: [] },
      figures: { p50: summary('p50', 'ms'), p999: summary('p999', 'seconds') },
      prediction: {
        question: 'What is the 99.9th percentile of latency?',
        answers: [
          { text: 'About 10 ms, like the median', rule: fig('p999', 0, 0.05) },
          { text: 'A few hundred milliseconds', rule: fig('p999', 0.05, 1) },
          { text: 'Over a second', rule: fig('p999', 1) },
        ],
        explanation: 'The median was {p50}, but the p99.9 was {p999}: a user who makes a thousand requests a day meets it every day.',
      },
      claims: [
        { says: 'The median was {p50}', rule: fig('p50', 0, 0.02) },
        { says: 'the p99.9 was {p999}', rule: fig('p999', 1) },
      ],
    },
    {
      title: 'Fan-out to 100 backends',
      text: 'Each request now calls 100 such backends (5 ms each, one call in a hundred slow) and waits for all of them.',
      scenario: { preset: 'tail-at-scale' },
      show: { charts: ['latency'], controls: [] },
      figures: { sloMiss: summary('sloMiss', 'percent'), p50: summary('p50', 'ms') },
      prediction: {
        question: 'What share of requests miss a 100 ms objective?',
        answers: [
          { text: 'About 1%, like one backend', rule: fig('sloMiss', 0, 0.05) },
          { text: 'About 10 to 40%', rule: fig('sloMiss', 0.05, 0.4) },
          { text: 'More than half', rule: fig('sloMiss', 0.4) },
        ],
        explanation: 'The median request took {p50} and {sloMiss} of requests missed the objective: all 100 calls are fast only 0.99¹⁰⁰ ≈ 37% of the time.',
      },
      claims: [
        { says: '{sloMiss} of requests missed the objective', rule: fig('sloMiss', 0.5, 0.75) },
        { says: 'The median request took {p50}', rule: fig('p50', 0.1) },
      ],
    },
    {
      title: 'The cure: hedged requests',
      text: 'One backend again, but a call still unanswered after the backend’s 95th-percentile latency is sent a second time; the first answer wins.',
      outcome: 'The p99.9 fell to {p999}, while amplification rose only to {amp}.',
      scenario: { preset: 'hedged-requests' },
      show: { charts: ['latency', 'amplification'], controls: [] },
      figures: { p999: summary('p999', 'ms'), amp: summary('amplification', 'times') },
      claims: [
        { says: 'The p99.9 fell to {p999}', rule: fig('p999', 0, 0.1) },
        { says: 'amplification rose only to {amp}', rule: fig('amp', 0, 1.1) },
      ],
      cure: true,
    },
  ],
};

export const goodput: Lesson = {
  id: 'goodput',
  number: 5,
  title: 'Goodput, not throughput',
  takeaway: 'A busy server is not a useful one: watch goodput, and stop work that nobody is waiting for.',
  steps: [
    {
      title: 'Busy doing nothing',
      text: 'The retry storm once more. After the outage the server completes about 300 requests a second, its full capacity.',
      scenario: { preset: 'retry-storm' },
      show: { charts: ['load', 'work'], controls: [] },
      figures: { thr: windowed('throughput', 100, 'rate'), good: windowed('goodput', 100, 'rate'), wasted: windowed('wastedShare', 100, 'percent') },
      prediction: {
        question: 'How many of those completions reach a client that is still waiting?',
        answers: [
          { text: 'Nearly all of them', rule: fig('wasted', 0, 0.1) },
          { text: 'About half', rule: fig('wasted', 0.1, 0.9) },
          { text: 'Almost none', rule: fig('wasted', 0.9) },
        ],
        explanation: 'After t = 100 s the server completed {thr} but goodput was {good}: {wasted} of its work went to requests whose client had already given up.',
      },
      claims: [
        { says: 'goodput was {good}', rule: fig('good', 0, 15) },
        { says: '{wasted} of its work went to requests whose client had already given up', rule: fig('wasted', 0.9) },
      ],
      highlight: { target: 'band', chart: 'work', from: 70, to: 400, label: 'wasted work' },
    },
    {
      title: 'Your turn: stop the waste',
      text: 'Find the server setting that drops a request as soon as its client gives up, and switch it on.',
      scenario: { preset: 'retry-storm' },
      show: { charts: ['load', 'work'], controls: ['server.cancelOnTimeout', 'server.dropExpired'] },
      figures: { wasted: windowed('wastedShare', 60, 'percent') },
      claims: [],
      task: {
        goal: 'Bring wasted work below 1% of throughput.',
        rule: fig('wasted', 0, 0.01),
        hint: 'Deadline propagation: the server hears that the client timed out and cancels the request, queued or running.',
        hintAfter: 30,
        example: { 'server.cancelOnTimeout': true },
      },
      highlight: { target: 'control', control: 'server.cancelOnTimeout', label: 'cancel on timeout' },
    },
    {
      title: 'The cure: cancellation',
      text: 'With cancellation on, a request whose client gave up leaves the server at once.',
      outcome: 'Wasted work was {wasted} of throughput and goodput was back {recovery} after the outage.',
      scenario: { preset: 'cancel-on-timeout' },
      show: { charts: ALL_CHARTS, controls: [] },
      figures: { recovery, wasted: windowed('wastedShare', 60, 'percent') },
      claims: [
        { says: 'Wasted work was {wasted} of throughput', rule: fig('wasted', 0, 0.01) },
        { says: 'goodput was back {recovery} after the outage', rule: all(verdict('recovered'), fig('recovery', 0, 10)) },
      ],
      cure: true,
    },
  ],
};

export const queuesDeferPain: Lesson = {
  id: 'queues-defer-pain',
  number: 6,
  title: 'Queues defer pain',
  takeaway: 'A queue does not absorb a spike, it stores it and hands it back as latency: bound it below what clients will wait.',
  steps: [
    {
      title: 'One server at 80%',
      text: 'Eight requests a second arrive at random at one server that takes 0.1 s on average: it is idle a fifth of the time.',
      scenario: { preset: 'mm1' },
      show: { charts: ['queue', 'latency'], controls: [] },
      figures: { mean: summary('meanLatency', 'seconds'), p99: summary('p99', 'seconds') },
      prediction: {
        question: 'How long does a request spend in the system on average?',
        answers: [
          { text: 'About 0.1 s, its service time', rule: fig('mean', 0, 0.2) },
          { text: 'About half a second', rule: fig('mean', 0.2, 1) },
          { text: 'Several seconds', rule: fig('mean', 1) },
        ],
        explanation:
          'A request spent {mean} on average, about five times its service time, and one in a hundred took longer than {p99} ' +
          '(theory for this queue: 0.5 s and 2.3 s). Random arrivals queue even when the server has room on average.',
      },
      // Theory (M/M/1 at 80%): mean 0.5 s, p99 2.3 s. A 600 s run is noisy: over twelve seeds the mean
      // ranged 0.41–0.55 s and the p99 1.7–3.1 s; the bounds leave room on both sides of that spread.
      claims: [
        { says: 'A request spent {mean} on average, about five times its service time', rule: fig('mean', 0.3, 0.75) },
        { says: 'one in a hundred took longer than {p99}', rule: fig('p99', 1.2, 4) },
      ],
    },
    {
      title: 'A spike into an unbounded queue',
      text: 'A server at 250 of its 300 a second, no timeouts; from t = 60 s to 90 s the load rises to 375 a second.',
      scenario: { preset: 'queues-defer-pain' },
      show: { charts: ['load', 'queue', 'latency'], controls: [] },
      figures: {
        recovery,
        backlog: windowed('queue', 88, 'count', { to: 92 }),
        p50After: windowed('p50', 100, 'seconds', { to: 101 }),
        p50Late: windowed('p50', 150, 'seconds'),
        failed: summary('failed', 'count'),
      },
      prediction: {
        question: 'The spike ends at t = 90 s. When is the median latency back to normal?',
        answers: [
          { text: 'At once', rule: fig('p50After', 0, 0.2) },
          { text: 'Tens of seconds later', rule: all(fig('p50After', 0.2), fig('p50Late', 0, 0.2)) },
          { text: 'Not before the run ends', rule: fig('p50Late', 0.2) },
        ],
        explanation:
          'The queue had stored about {backlog} requests when the spike ended; at t = 100 s the median request still took {p50After}, ' +
          'and the backlog drained at the spare 50 a second. {failed} requests failed: the queue deferred the pain.',
      },
      claims: [
        { says: 'The queue had stored about {backlog} requests', rule: fig('backlog', 1800, 2800) },
        { says: 'at t = 100 s the median request still took {p50After}', rule: fig('p50After', 3) },
        { says: '{failed} requests failed', rule: fig('failed', 0, 0) },
      ],
      highlight: { target: 'band', chart: 'queue', from: 60, to: 90, label: 'spike' },
    },
    {
      title: 'A bound that is too deep',
      text: 'Back to the retry storm, with a queue limit of 600: two seconds of work, twice the 1 s timeout.',
      outcome: 'The queue sat at {queueLate} and goodput stayed at {goodAfter} of the offered load: every request at the back had timed out before it was served.',
      scenario: { preset: 'queue-too-deep' },
      show: { charts: ['load', 'queue', 'work'], controls: [] },
      figures: { queueLate: windowed('queue', 100, 'count'), goodAfter: windowed('goodputShare', 80, 'percent') },
      claims: [
        { says: 'The queue sat at {queueLate}', rule: fig('queueLate', 590, 600 + 1e-6) },
        { says: 'goodput stayed at {goodAfter} of the offered load', rule: all(verdict('metastable'), fig('goodAfter', 0, 0.05)) },
      ],
    },
    {
      title: 'The cure: a bound shorter than the timeout',
      text: 'The same storm with 150 places, half a second of work: whatever waits can still finish in time.',
      outcome: 'The queue never held more than {queueMax} and goodput was back {recovery} after the outage.',
      scenario: { preset: 'bounded-queue' },
      show: { charts: ['load', 'queue', 'work'], controls: [] },
      figures: { recovery, queueMax: windowed('queue', 0, 'count', { stat: 'max' }) },
      claims: [
        { says: 'The queue never held more than {queueMax}', rule: fig('queueMax', 0, 150 + 1e-6) },
        { says: 'goodput was back {recovery} after the outage', rule: all(verdict('recovered'), fig('recovery', 0, 10)) },
      ],
      cure: true,
    },
  ],
};
