import { describe, expect, it } from 'vitest';
import { clipFrames, MAX_CLIP_FRAMES } from '../../src/ui/share/clip';
import { clipProblem } from '../../src/ui/share/ClipDialog';

describe('clip ranges', () => {
  it('make frames for the simulated span at the speed and frame rate', () => {
    expect(clipFrames({ fromS: 60, toS: 100, fps: 10, speed: 4 })).toBe(100);
    expect(clipFrames({ fromS: 0, toS: 400, fps: 30, speed: 40 })).toBe(300);
  });

  it('name the field at fault', () => {
    const ok = { fromS: 0, toS: 100, fps: 30, speed: 10 };
    expect(clipProblem(ok, 100)).toBeNull();
    expect(clipProblem({ ...ok, fromS: -1 }, 100)).toMatch(/^From:/);
    expect(clipProblem({ ...ok, toS: 120 }, 100)).toMatch(/^To: .*at most the run's current time \(100 s\)/);
    expect(clipProblem({ ...ok, toS: 0 }, 100)).toMatch(/^To:/);
    expect(clipProblem({ ...ok, fps: 2.5 }, 100)).toMatch(/^Frames per second:/);
    expect(clipProblem({ ...ok, fps: 61 }, 100)).toMatch(/^Frames per second:/);
    expect(clipProblem({ ...ok, speed: 0 }, 100)).toMatch(/^Speed:/);
    expect(clipProblem({ ...ok, speed: NaN }, 100)).toMatch(/^Speed:/);
    expect(clipProblem({ ...ok, toS: 100, speed: 0.1, fps: 60 }, 100)).toContain(`at most ${MAX_CLIP_FRAMES}`);
  });
});
