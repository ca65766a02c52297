// Frame times of the playground in headless Chromium with software WebGL, for `./build.sh bench`:
// for each build (mt: the trainer on its own thread; st: training in slices between frames), the
// median and 95th percentile of the last 240 frames after 8 s idle and after 10 s of training, the
// main thread's own share of them, and the training steps taken. Prints one JSON object.
import { clickRect, layout, openPlayground, state } from '../e2e/harness.mjs';

const IDLE_MS = 8_000;
const TRAINING_MS = 10_000;

async function measure(isolation) {
  const session = await openPlayground({ isolation });
  try {
    const { page } = session;
    await page.waitForTimeout(IDLE_MS);
    const idle = await state(page);
    await clickRect(page, (await layout(page)).trainButton);
    await page.waitForTimeout(TRAINING_MS);
    const training = await state(page);
    const times = (s) => ({ frame_ms: s.frameMs, main_thread_ms: s.workMs, fps: s.fps });
    return {
      idle: times(idle),
      training: { ...times(training), steps: training.step, seconds: TRAINING_MS / 1000, trainer_rest_ms: training.trainerRestMs },
    };
  } finally {
    await session.close();
  }
}

const result = {};
for (const [build, isolation] of [['mt', true], ['st', false]]) result[build] = await measure(isolation);
process.stdout.write(`${JSON.stringify(result)}\n`);
