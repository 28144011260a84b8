/** True only in test builds (`vite build --mode e2e`): enables the fault-injection hook. Replaced at build time. */
declare const __LAB_FAULTS__: boolean;
