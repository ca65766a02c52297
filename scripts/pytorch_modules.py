"""docs/PYTORCH.md's module code, run from the page itself, for the scripts that use PyTorch.

    from pytorch_modules import DOC          # DOC["Autoencoder"], DOC["load_model"], ...

So the page cannot drift from what the fixtures, the interop check and the benchmark run.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _doc_code():
    text = (ROOT / "docs" / "PYTORCH.md").read_text()
    block = re.search(r"## The modules\n\n```python\n(.*?)```", text, re.S)
    if not block:
        sys.exit("docs/PYTORCH.md has no python block under '## The modules'")
    names = {"__name__": "pytorch_modules_doc"}
    exec(compile(block.group(1), "docs/PYTORCH.md", "exec"), names)
    return names


DOC = _doc_code()


def mnist10k(data_dir):
    """PRODUCT.md's MNIST-10k split from .deps/data/mnist10k.bnds: (train, test), [n, 784] in [0, 1]."""
    import torch

    raw = (pathlib.Path(data_dir) / "mnist10k.bnds").read_bytes()
    count = int.from_bytes(raw[8:12], "little")
    pixels = torch.frombuffer(bytearray(raw[20:20 + count * 784]), dtype=torch.uint8).reshape(count, 784)
    images = pixels.to(torch.float32) / 255.0
    test = torch.arange(count) % 10 == 9
    return images[~test], images[test]
