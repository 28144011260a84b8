import { useStore } from 'zustand';
import type { Tradeoffs, TradeoffsStore } from '../../state/index';
import { useApp } from '../AppContext';

export function useTradeoffsStore(): TradeoffsStore {
  return useApp().tradeoffs;
}

/** Read one slice of the tradeoffs view. */
export function useTradeoffs<T>(selector: (state: Tradeoffs) => T): T {
  return useStore(useTradeoffsStore(), selector);
}
