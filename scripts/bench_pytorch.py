#!/usr/bin/python3
"""PyTorch on the CPU training the playground's models, for `./build.sh bench`.

  /usr/bin/python3 scripts/bench_pytorch.py --data .deps/data [--quick]

Samples per second of AE-32, the VAE with latent 16 and the convolutional AE (docs/PYTORCH.md's
modules, as Bottleneck builds them), at batch 64 with Adam (lr 1e-3) and BCE on logits, on 1 and
2 threads: the median of the repetitions, with min and max. Prints one JSON object, with
torch.__config__.show() and the BLAS library each thread count's process loaded (./build.sh bench
installs OpenBLAS, for OpenMP as well as for pthreads).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import torch

import pytorch_modules

DOC = pytorch_modules.DOC
BATCH = 64
MODELS = {
    "ae32": {"kind": "ae"},
    "vae16": {"kind": "vae", "latent": 16},
    "conv": {"kind": "conv"},
}


def loss_of(model, config, x):
    """The playground's training loss: BCE on the decoder's logits (a VAE: summed over the pixels,
    plus the KL term, per image)."""
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    if config["kind"] == "vae":
        mu, log_var = model.encoder(x).chunk(2, dim=1)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        reconstruction = bce(model.decoder(z), x, reduction="sum") / x.shape[0]
        kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp()) / x.shape[0]
        return reconstruction + kl
    if config["kind"] == "conv":
        logits = model.decoder(model.encode(x)).view(x.shape[0], -1)
        return bce(logits, x)
    return bce(model.decoder(model.encoder(x)), x)


def samples_per_second(config, threads, train, steps, repeats):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = DOC["module_for"](config)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    batches = [train[(i * BATCH) % (len(train) - BATCH):][:BATCH] for i in range(steps)]

    def run(count):
        for x in batches[:count]:
            optimizer.zero_grad(set_to_none=True)
            loss_of(model, config, x).backward()
            optimizer.step()

    run(min(steps, 10))  # warm-up: allocator, thread pool, first-call paths
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(steps)
        rates.append(BATCH * steps / (time.perf_counter() - start))
    return {"median": statistics.median(rates), "min": min(rates), "max": max(rates), "repeats": repeats}


def measure(args):
    """One thread count, in this process: OpenBLAS and OpenMP were told it before they started."""
    torch.set_num_interop_threads(1)
    train, _ = pytorch_modules.mnist10k(args.data)
    steps, repeats = (20, 5) if args.quick else (60, 7)
    rates = {name: samples_per_second(config, args.threads, train, steps, repeats) for name, config in MODELS.items()}
    return {"train_samples_per_s": rates, "blas": loaded_blas()}


def loaded_blas():
    """The BLAS this process really runs: the libblas.so.3 the loader mapped."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "libblas.so" in line}
    return sorted(paths)[0] if paths else "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--threads", type=int, help=argparse.SUPPRESS)  # one thread count, in a child process
    args = parser.parse_args()
    if args.threads:
        print(json.dumps(measure(args)))
        return
    # Each thread count in a process of its own: OpenBLAS sizes its pool once, from the environment,
    # and torch.set_num_threads does not reach it in Debian's build (BLAS_INFO=generic). OpenBLAS
    # built for OpenMP, when it is there, comes first on the library path: PyTorch's own threads are
    # OpenMP's, and beside OpenBLAS's pthreads pool the two spin against each other on 2 cores
    # (2 threads ran at under half the speed of 1).
    results, blas = {}, {}
    openmp_blas = "/usr/lib/x86_64-linux-gnu/openblas-openmp"
    for threads in (1, 2):
        env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads)}
        if os.path.isdir(openmp_blas):
            env["LD_LIBRARY_PATH"] = ":".join(filter(None, [openmp_blas, os.environ.get("LD_LIBRARY_PATH")]))
        command = [sys.executable, __file__, "--data", args.data, "--threads", str(threads)] + (
            ["--quick"] if args.quick else [])
        child = json.loads(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout)
        for name, figures in child["train_samples_per_s"].items():
            results.setdefault(name, {})[str(threads)] = figures
        blas[str(threads)] = child["blas"]
    print(json.dumps({
        "torch": torch.__version__,
        "blas": blas,
        "batch": BATCH,
        "train_samples_per_s": results,
        "config": torch.__config__.show(),
    }, indent=2))


if __name__ == "__main__":
    main()
