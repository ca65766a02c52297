// The worked example's script (the page's Content Security Policy allows no inline script): train
// a small VAE with its test loss drawn as it falls, then decode eight points between the codes of
// two test digits. window.apiDemo reports what happened, for the browser tests.
import { load } from '../api/bottleneck.mjs';

const demo = (window.apiDemo = { done: false, error: null, losses: [], build: null, stripInk: 0 });
const status = document.getElementById('status');
const STEPS = 300, SLICE = 20;

// The test loss against the training step, with both axes labelled: the loss (nats per image) up the
// left, the step along the bottom.
function drawLosses(losses) {
  const canvas = document.getElementById('loss');
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  const left = 64, right = 20, top = 10, bottom = 34;
  const width = canvas.width - left - right, height = canvas.height - top - bottom;
  const high = Math.max(...losses), low = Math.min(...losses);
  const yOf = (loss) => top + (high === low ? 0.5 : (high - loss) / (high - low)) * height;  // falling goes down
  const xOf = (step) => left + (step / STEPS) * width;
  g.strokeStyle = '#5b6270';
  g.lineWidth = 1;
  g.beginPath();
  g.moveTo(left, top);
  g.lineTo(left, top + height);
  g.lineTo(left + width, top + height);
  g.stroke();
  g.fillStyle = '#aab2bf';
  g.font = '12px system-ui, sans-serif';
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  g.fillText(high.toFixed(1), left - 6, yOf(high));
  if (high !== low) g.fillText(low.toFixed(1), left - 6, yOf(low));
  g.textAlign = 'center';
  g.textBaseline = 'top';
  for (const step of [0, STEPS / 2, STEPS]) g.fillText(String(step), xOf(step), top + height + 4);
  g.fillText('training step', left + width / 2, top + height + 18);
  g.save();
  g.translate(12, top + height / 2);
  g.rotate(-Math.PI / 2);
  g.textBaseline = 'middle';
  g.fillText('test loss (nats)', 0, 0);
  g.restore();
  g.strokeStyle = '#6ea8fe';
  g.lineWidth = 2;
  g.beginPath();
  losses.forEach((loss, i) => {
    const x = xOf(i * SLICE), y = yOf(loss);
    if (i === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  });
  g.stroke();
}

function drawStrip(images, count) {
  const canvas = document.getElementById('strip');
  const g = canvas.getContext('2d');
  const side = canvas.height;
  const pixels = g.createImageData(28, 28);
  let ink = 0;
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < 784; i++) {
      const value = Math.round(255 * images[k * 784 + i]);
      ink += images[k * 784 + i];
      pixels.data.set([value, value, value, 255], 4 * i);
    }
    const tile = document.createElement('canvas');
    tile.width = tile.height = 28;
    tile.getContext('2d').putImageData(pixels, 0, 0);
    g.imageSmoothingEnabled = false;
    g.drawImage(tile, k * side, 0, side, side);
  }
  return ink;
}

try {
  const bn = await load({ threads: 2 });
  demo.build = bn.build;
  const mnist = await bn.dataset('mnist');
  const vae = bn.createModel({ kind: 'vae', latent: 2, hidden: [256, 128], seed: 1 }, { data: mnist });
  const testDigits = mnist.images('test', 0, 200);
  demo.losses.push(vae.loss(testDigits));
  for (let step = 0; step < STEPS; step += SLICE) {
    vae.trainSteps(SLICE);
    demo.losses.push(vae.loss(testDigits));
    drawLosses(demo.losses);
    const loss = demo.losses.at(-1).toFixed(1);
    status.textContent = `${bn.build} build, step ${step + SLICE} of ${STEPS}: test loss ${loss} nats per image`;
    await new Promise(requestAnimationFrame);
  }
  // The first 0 and the first 1 of the test set: far apart in the code space.
  const labels = mnist.labels('test');
  const a = vae.encode(mnist.images('test', labels.indexOf(0), 1));
  const b = vae.encode(mnist.images('test', labels.indexOf(1), 1));
  const codes = new Float32Array(8 * 2).map((_, i) => {
    const t = Math.floor(i / 2) / 7, d = i % 2;
    return a[d] + t * (b[d] - a[d]);
  });
  demo.stripInk = drawStrip(vae.decode(codes), 8);
  status.textContent += '. Done.';
  demo.done = true;
} catch (error) {
  demo.error = error.message;
  status.textContent = `Something went wrong: ${error.message}`;
}
