/** A scheduled change: a trigger's start or end, or an operator action. */
export interface Control {
  at: number;
  order: number;
  index: number;
  apply: (t: number) => void;
}
/** At one instant, trigger ends come before trigger starts, which come before actions. */
export const ORDER_TRIGGER_END = 0;
export const ORDER_TRIGGER_START = 1;
export const ORDER_ACTION = 2;

/**
 * The controls of a run in (time, order, index) order, consumed from the front as time passes;
 * live controls are inserted among those not yet applied.
 */
export class Timeline {
  private readonly list: Control[] = [];
  private next = 0;

  /** The next control not yet applied. */
  peek(): Control | undefined {
    return this.list[this.next];
  }

  shift(): void {
    this.next++;
  }

  /** Controls not yet applied, in order. */
  pending(): readonly Control[] {
    return this.list.slice(this.next);
  }

  insert(ctl: Control): void {
    const list = this.list;
    let i = list.length;
    while (i > this.next) {
      const prev = list[i - 1]!;
      if (prev.at < ctl.at || (prev.at === ctl.at && (prev.order < ctl.order || (prev.order === ctl.order && prev.index < ctl.index)))) break;
      i--;
    }
    list.splice(i, 0, ctl);
  }
}
