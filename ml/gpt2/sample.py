"""python -m ml.gpt2.sample: continue a prompt with a trained checkpoint."""
import argparse
import sys
from .. import tensor as nd
from .checkpoint import load_checkpoint
from .tokenizers import make_tokenizer


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m ml.gpt2.sample', description=__doc__)
    p.add_argument('--ckpt', default='build/ml/run/ckpt.safetensors')
    p.add_argument('--prompt', default='\n')
    p.add_argument('--tokens', type=int, default=200)
    p.add_argument('--temperature', type=float, default=0.8)
    p.add_argument('--top-k', type=int, default=None)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--backend', default=None)
    args = p.parse_args(argv)
    try:
        model, _, state = load_checkpoint(args.ckpt, args.backend)
        tok = make_tokenizer(state['tokenizer'])
        ids = tok.encode(args.prompt) or [0]
    except (ValueError, OSError) as e:
        sys.stderr.write('error: %s\n' % e)
        return 1
    model.eval()
    out = model.generate(ids, args.tokens, args.temperature, args.top_k, nd.Generator(args.seed))
    print(tok.decode(out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
