/** The cures the compare view offers for its right side: the scenario format's list (src/sim/cures.ts). */
export { CURES, findCure, type Cure, type CureId } from '../sim/format';
