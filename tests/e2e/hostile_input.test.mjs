// What a stranger can send the page (issue 29): a link of any length, a model file nested
// thousands deep, a zip of overlapping entries, a picture claiming 20000x20000 pixels, the 9 bytes
// that broke stb_image 2.27. Each gets a short message and a page that keeps drawing, on both
// builds, with no page error and a heap that does not grow with each refusal.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  deeplyNestedSafetensors, hugeConfigSafetensors, longPanelsLink, overlappingZip, pngClaiming, safetensorsOf,
  stbHuffmanJpeg, unknownKeysLink,
} from '../support/hostile.mjs';
import { encodePng, strokePicture } from '../support/png.mjs';
import { describePlayground, dropFiles, framesPass, pollUntil, saveScreenshot, state } from './harness.mjs';

const MB = 1024 * 1024;

function hostileSuite(isolation) {
  // 10,000 panel names in 20 KB: this corrupted the mt page's heap, and its 12-million-character
  // notice drew at 0.1 frames a second on st.
  describePlayground('a 20 KB link of 10,000 panel names', { isolation, hash: longPanelsLink(10_000) }, (session) => {
    test('gives one short notice and a page that keeps drawing', async () => {
      const { page } = session;
      const s = await pollUntil(() => state(page), (x) => x.notice.includes('ignored'), { timeoutMs: 10_000 });
      assert.match(s.notice,
        /^Parts of the link were ignored or changed: panels=a: no such panel \(draw, .*\) \(10000 times\)\./);
      assert.ok(s.notice.length < 600, `a notice of ${s.notice.length} characters`);
      await framesPass(page, 60, 'the page stopped drawing after the long link');
      await saveScreenshot(page, `hostile-link-${isolation ? 'mt' : 'st'}.png`);
    });

    test('a megabyte of unknown keys, as an edited hash, does the same', async () => {
      const { page } = session;
      const hash = unknownKeysLink(MB);
      await page.evaluate((text) => { location.hash = text; }, hash);
      const s = await pollUntil(() => state(page), (x) => x.notice.includes('k0=%01v'), { timeoutMs: 20_000 });
      assert.match(s.notice, /k0=%01v: unknown key.*more\./);
      assert.ok(s.notice.length < 600, `a notice of ${s.notice.length} characters`);
      await framesPass(page, 60, 'the page stopped drawing after a megabyte of hash');
    });
  });

  describePlayground('hostile files', { isolation }, (session) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-hostile-'));
    const write = (name, bytes) => {
      const file = path.join(work, name);
      fs.writeFileSync(file, bytes);
      return file;
    };

    test('a model file nested 20,000 deep is refused with the reason, and refusals do not leak the heap', async () => {
      const { page } = session;
      const s = await dropFiles(page, [write('deep.safetensors', deeplyNestedSafetensors(20_000))]);
      assert.match(s.notice, /^Could not load deep\.safetensors: .*more than 16 deep\. The current model stays\./);
      // Each refused load once left about 1.3 MB of the heap behind (an uncaught RangeError
      // unwinding through C++ frames): 50 more drops, then the heap in use.
      const before = (await state(page)).memory.inUse;
      await page.evaluate(async (data) => {
        const canvas = document.getElementById('canvas');
        for (let i = 0; i < 50; i++) {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(data)], 'deep.safetensors'));
          canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }, [...deeplyNestedSafetensors(20_000)]);
      await framesPass(page, 30);
      const after = (await state(page)).memory.inUse;
      assert.ok(after - before < 2 * MB, `50 refusals took the heap in use from ${before} to ${after} bytes`);
      await framesPass(page, 30);
    });

    test('a tiny file claiming the largest model, and a shape of 3.9, are refused with the reason', async () => {
      const { page } = session;
      const huge = await dropFiles(page, [write('huge.safetensors', hugeConfigSafetensors())]);
      assert.match(huge.notice,
        /^(Could not load|Not enough memory).*huge\.safetensors|huge\.safetensors.*(needs about|holds only)/);
      const fractional = await dropFiles(page, [write('fractional.safetensors',
        safetensorsOf('{"encoder.0.weight": {"dtype": "F32", "shape": [3.9], "data_offsets": [0, 12]}}', 12))]);
      assert.match(fractional.notice, /^Could not load fractional\.safetensors: .*3\.9.*The current model stays\./);
      assert.equal((await state(page)).modelKind, 'denoise');
      await framesPass(page, 30);
    });

    test('an overlapping zip, a 20000x20000 PNG and the stb JPEG are each named with the reason', async () => {
      const { page } = session;
      const good = [0, 1, 2, 3].map((i) => write(`ok${i}.png`, encodePng(40, 40, strokePicture(i, true, 40))));
      const started = Date.now();
      const s = await dropFiles(page, [...good, write('bomb.zip', overlappingZip(8)),
        write('huge.png', pngClaiming(20000, 20000)), write('stb.jpg', stbHuffmanJpeg())]);
      assert.ok(Date.now() - started < 20_000, `the drop took ${Date.now() - started} ms`);
      assert.match(s.yours.report, /^4 images; 3 files skipped: /);
      assert.match(s.yours.report,
        /bomb\.zip \(a damaged or hostile zip file: two of its entries share the same bytes\)/);
      assert.match(s.yours.report, /huge\.png \(too large: 20000x20000 pixels/);
      assert.match(s.yours.report, /stb\.jpg \(a damaged JPEG image/);
      await framesPass(page, 30);
    });
  });
}

hostileSuite(true);
hostileSuite(false);
