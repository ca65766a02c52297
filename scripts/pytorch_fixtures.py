#!/usr/bin/python3
"""PyTorch on the other side of Bottleneck's model files, with the modules of docs/PYTORCH.md.

  /usr/bin/python3 scripts/pytorch_fixtures.py fixtures tests/fixtures/pytorch
      Small models of every kind, written by PyTorch with and without the Bottleneck config, and
      their outputs on fixed inputs: what tests/core/io/pytorch_fixtures_test.cpp matches to 1e-5.

  /usr/bin/python3 scripts/pytorch_fixtures.py interop --cli build/native/bottleneck --data .deps/data
      The other way, and both ways at full size: models of every kind trained by the CLI (and the
      page's pretrained float16 files) loaded into PyTorch, and models made by PyTorch loaded by the
      CLI; PyTorch's reconstructions and codes compared with `bottleneck reconstruct`'s on MNIST test
      digits. Prints a JSON object (the largest difference per model) and fails above 1e-5
      (reconstructions absolute; codes relative to their largest value).

Run it with Debian's /usr/bin/python3, which sees python3-torch (`./build.sh interop` installs it).
The module code is docs/PYTORCH.md's, run as it is (pytorch_modules.py).
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

import torch

import pytorch_modules

ROOT = pytorch_modules.ROOT
TOLERANCE = 1e-5


DOC = pytorch_modules.DOC

# Small models of every kind (the fixtures are committed: a few hundred kilobytes in all), each
# with what makes it differ: depth, a code activation, tanh, a VAE's doubled code, convolutions.
FIXTURES = {
    "ae": {"kind": "ae", "hidden": [16, 8], "latent": 4},
    "sparse": {"kind": "sparse", "hidden": [8], "latent": 6, "sparsity": "l1"},
    "sparse-kl": {"kind": "sparse", "hidden": [8], "latent": 5, "sparsity": "kl", "rho": 0.05},
    "denoise": {"kind": "denoise", "hidden": [8], "latent": 4, "noise": {"type": "gaussian", "level": 0.5}},
    "tanh": {"kind": "ae", "hidden": [8], "latent": 3, "activation": "tanh"},
    "leaky": {"kind": "ae", "hidden": [8], "latent": 3, "activation": "leaky_relu"},
    "vae": {"kind": "vae", "hidden": [8], "latent": 2},
    "conv": {"kind": "conv", "channels": [4, 8], "latent": 4},
    "pca": {"kind": "pca", "latent": 4},
}
# Written again without the config, as save_file(model.state_dict()) would: the config comes from
# the tensors' names and shapes.
PLAIN = ["ae", "vae", "conv"]


def made_model(config, inputs):
    """The module for `config` with PyTorch's initial weights (PCA: orthonormal directions)."""
    model = DOC["module_for"](config)
    if config["kind"] == "pca":
        with torch.no_grad():
            directions, _ = torch.linalg.qr(torch.randn(inputs.shape[1], config["latent"]))
            model.components.copy_(directions.T)
            model.mean.copy_(inputs.mean(0))
    return model.eval()


def outputs_of(model, inputs):
    with torch.no_grad():
        return {"inputs": inputs, "reconstruction": model(inputs), "code": model.encode(inputs)}


def write_fixtures(out):
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    inputs = torch.rand(4, 784)
    for name, config in FIXTURES.items():
        model = made_model(config, inputs)
        DOC["save_model"](model, config, out / f"{name}.safetensors")
        DOC["save_safetensors"](outputs_of(model, inputs), out / f"{name}-outputs.safetensors")
        if name in PLAIN:
            DOC["save_safetensors"](model.state_dict(), out / f"{name}-plain.safetensors", {"format": "pt"})
        print(f"{name}: {sum(p.numel() for p in model.parameters())} parameters", file=sys.stderr)


def mnist_test_digits(data_dir, count):
    """The first `count` test digits of PRODUCT.md's MNIST-10k split, [count, 784]."""
    return pytorch_modules.mnist10k(data_dir)[1][:count]


def difference(a, b):
    return float((a - b).abs().max()) if a.numel() else 0.0


def relative_difference(a, b):
    """Codes are not bounded like pixels: a conv net's reach ±40. Differences relative to the scale."""
    return difference(a, b) / max(1.0, float(b.abs().max())) if a.numel() else 0.0


def cli_outputs(cli, model_file, inputs_file, work):
    out = work / (model_file.stem + "-cli.safetensors")
    subprocess.run([cli, "reconstruct", "--model", str(model_file), "--input", str(inputs_file), "--out", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    return DOC["load_safetensors"](out)[0]


def compare(name, torch_model, cli, model_file, inputs, inputs_file, work, results):
    theirs = cli_outputs(cli, model_file, inputs_file, work)
    ours = outputs_of(torch_model, inputs)
    results[name] = {"reconstruction": difference(ours["reconstruction"], theirs["reconstruction"]),
                     "code": difference(ours["code"], theirs["code"]),
                     "code_relative": relative_difference(ours["code"], theirs["code"])}
    row = results[name]
    print(f"{name:36} reconstruction {row['reconstruction']:.1e}   code {row['code']:.1e}"
          f" (relative {row['code_relative']:.1e})", file=sys.stderr)


def interop(cli, data_dir, epochs):
    results = {}
    with tempfile.TemporaryDirectory(prefix="bottleneck-interop-") as scratch:
        work = pathlib.Path(scratch)
        inputs = mnist_test_digits(data_dir, 64)
        inputs_file = work / "inputs.safetensors"
        DOC["save_safetensors"]({"inputs": inputs}, inputs_file)
        env = {"BOTTLENECK_DATA": str(data_dir)}
        # The CLI's models, full size, into PyTorch.
        for kind in ["ae", "sparse", "denoise", "vae", "conv", "pca"]:
            model_file = work / f"cli-{kind}.safetensors"
            subprocess.run([cli, "train", "--kind", kind, "--epochs", str(epochs), "--dtype", "f32", "--out",
                            str(model_file)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env={**env, "PATH": "/usr/bin:/bin"})
            model, _ = DOC["load_model"](model_file)
            compare(f"cli {kind} -> pytorch", model, cli, model_file, inputs, inputs_file, work, results)
        # The page's pretrained files (float16) into PyTorch.
        for model_file in sorted((ROOT / "web" / "pretrained").glob("mnist-*.safetensors")):
            model, _ = DOC["load_model"](model_file)
            compare(f"pretrained {model_file.stem} -> pytorch", model, cli, model_file, inputs, inputs_file, work,
                    results)
        # PyTorch's models, full size, into the CLI: with the config, and without (inferred).
        torch.manual_seed(1)
        for name, config in {"ae": {"kind": "ae"}, "vae": {"kind": "vae", "latent": 16},
                             "conv": {"kind": "conv"}}.items():
            model = made_model(config, inputs)
            with_config = work / f"torch-{name}.safetensors"
            DOC["save_model"](model, config, with_config)
            compare(f"pytorch {name} -> cli", model, cli, with_config, inputs, inputs_file, work, results)
            plain = work / f"torch-{name}-plain.safetensors"
            DOC["save_safetensors"](model.state_dict(), plain, {"format": "pt"})
            compare(f"pytorch {name} (no config) -> cli", model, cli, plain, inputs, inputs_file, work, results)
    # Reconstructions are pixels in [0, 1]: absolute. Codes: relative to their largest value.
    worst = max(max(r["reconstruction"], r["code_relative"]) for r in results.values())
    print(json.dumps({"torch": torch.__version__, "tolerance": TOLERANCE, "images": int(inputs.shape[0]),
                      "max_abs_difference": results, "worst": worst}, indent=2))
    if worst > TOLERANCE:
        sys.exit(f"interop: a difference of {worst:.2e} is over {TOLERANCE}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    fixtures = commands.add_parser("fixtures", help="write the test fixtures")
    fixtures.add_argument("out", type=pathlib.Path)
    check = commands.add_parser("interop", help="compare PyTorch and the CLI on models of every kind")
    check.add_argument("--cli", required=True)
    check.add_argument("--data", required=True, type=pathlib.Path)
    check.add_argument("--epochs", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(1)  # the same sums in the same order, run after run
    if args.command == "fixtures":
        write_fixtures(args.out)
    else:
        interop(args.cli, args.data, args.epochs)


if __name__ == "__main__":
    main()
