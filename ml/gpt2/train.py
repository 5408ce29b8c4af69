"""python -m ml.gpt2.train: train a GPT on a text file (default: Shakespeare).
Writes OUT/ckpt.safetensors and OUT/loss.png; --resume continues a run bit
for bit, as if it had never stopped."""
import argparse
import json
import os
import sys
import time
from .. import tensor as nd
from ..autograd import no_grad
from ..data import read_text, tokenize_cached, TokenDataset
from ..optim import AdamW, clip_grad_norm_, cosine_lr
from .checkpoint import save_checkpoint, load_checkpoint
from .config import GPTConfig
from .model import GPT
from .png import plot_losses
from .tokenizers import make_tokenizer, tokenizer_spec


def parse_args(argv):
    p = argparse.ArgumentParser(prog='python -m ml.gpt2.train', description=__doc__)
    p.add_argument('--config', default='char', help='tiny, char, small or 124M')
    p.add_argument('--set', action='append', default=[], metavar='KEY=VALUE', help='override a config key')
    p.add_argument('--data', help='training text file (default: Shakespeare)')
    p.add_argument('--tokenizer', default='char', choices=['char', 'gpt2'])
    p.add_argument('--out', default='build/ml/run')
    p.add_argument('--steps', type=int, default=500)
    p.add_argument('--batch', type=int, default=16)
    p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--min-lr', type=float, default=1e-4)
    p.add_argument('--warmup', type=int, default=20)
    p.add_argument('--weight-decay', type=float, default=0.1)
    p.add_argument('--grad-clip', type=float, default=1.0)
    p.add_argument('--eval-every', type=int, default=100)
    p.add_argument('--eval-batches', type=int, default=4)
    p.add_argument('--ckpt-every', type=int, default=100)
    p.add_argument('--seed', type=int, default=1337)
    p.add_argument('--backend', default=None, help='numpy or python')
    p.add_argument('--resume', action='store_true', help='continue from OUT/ckpt.safetensors (give the same options again)')
    p.add_argument('--stop-after', type=int, help='leave after this step, as if interrupted')
    return p.parse_args(argv)


def config_overrides(pairs):
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition('=')
        if not sep:
            raise ValueError('--set wants KEY=VALUE, got %r' % pair)
        try:
            out[key] = json.loads(value.lower() if value in ('True', 'False') else value)
        except ValueError:
            raise ValueError('--set %s: the value must be a number, true or false' % pair)
    return out


def setup(args):
    """Model, optimizer, dataset and loop state: fresh, or from the checkpoint."""
    ckpt = os.path.join(args.out, 'ckpt.safetensors')
    cache = os.path.join(args.out, 'tokens.bin')
    text = None
    if args.resume:
        model, opt_state, state = load_checkpoint(ckpt, args.backend)
        tok_spec = state['tokenizer']
    else:
        text = read_text(args.data)
        if os.path.exists(cache):
            os.remove(cache)
        tok_spec = tokenizer_spec(args.tokenizer, text)
        vocab = make_tokenizer(tok_spec).vocab_size
        cfg = GPTConfig.preset(args.config, **dict({'vocab_size': vocab}, **config_overrides(args.set)))
        model, opt_state = GPT(cfg, seed=args.seed, backend=args.backend), {}
        state = {'step': 0, 'tokenizer': tok_spec, 'data': args.data, 'data_rng': [args.seed, 0],
                 'train_loss': [], 'val_loss': []}
    tok = make_tokenizer(tok_spec)
    if text is None and not os.path.exists(cache):
        text = read_text(state['data'])
    ids = tokenize_cached(text, tok, cache)
    data = TokenDataset(ids, model.config.block_size)
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.ndim < 2]
    opt = AdamW([{'params': decay, 'weight_decay': args.weight_decay}, {'params': no_decay, 'weight_decay': 0.0}],
                lr=args.lr, betas=(0.9, 0.95))
    opt.load_state_dict(opt_state, state['step'])
    if args.resume:
        model.gen.set_state(state['dropout_rng'])
    return model, opt, data, state, ckpt


def evaluate(model, data, args):
    model.eval()
    with no_grad():
        losses = [model.forward(x, y)[1].item()
                  for x, y in data.val_batches(args.batch, args.eval_batches, model.wte.weight.data.backend)]
    model.train()
    return sum(losses) / len(losses)


def progress(step, total, loss, lr, rate):
    if not sys.stderr.isatty() and step % max(total // 10, 1) and step != total:
        return
    done = 30 * step // max(total, 1)
    line = '\rstep %d/%d [%s%s] loss %.4f lr %.2e %.0f tok/s' % (step, total, '#' * done, '.' * (30 - done), loss, lr, rate)
    sys.stderr.write(line if sys.stderr.isatty() else line[1:] + '\n')
    sys.stderr.flush()


def train(args):
    model, opt, data, state, ckpt = setup(args)
    os.makedirs(args.out, exist_ok=True)
    data_rng = nd.Generator()
    data_rng.set_state(state['data_rng'])
    print('model: %d parameters, config %s' % (model.num_params(), model.config.to_json()))
    t0 = time.time()
    while state['step'] < args.steps:
        step = state['step']
        lr = cosine_lr(step, args.lr, args.warmup, args.steps, args.min_lr)
        opt.set_lr(lr)
        x, y = data.train_batch(args.batch, data_rng, model.wte.weight.data.backend)
        _, loss = model.forward(x, y)
        loss.backward()
        clip_grad_norm_(model.parameters(), args.grad_clip)
        opt.step()
        opt.zero_grad()
        state['step'] = step + 1
        state['train_loss'].append([step + 1, loss.item()])
        now = time.time()
        rate, t0 = args.batch * model.config.block_size / max(now - t0, 1e-9), now
        if state['step'] % args.eval_every == 0 or state['step'] == args.steps:
            state['val_loss'].append([state['step'], evaluate(model, data, args)])
            sys.stderr.write('\n' if sys.stderr.isatty() else '')
            print('step %d: val loss %.4f' % tuple(state['val_loss'][-1]))
        progress(state['step'], args.steps, loss.item(), lr, rate)
        stopping = args.stop_after is not None and state['step'] >= args.stop_after
        if state['step'] % args.ckpt_every == 0 or state['step'] == args.steps or stopping:
            state['data_rng'], state['dropout_rng'] = data_rng.state(), model.gen.state()
            save_checkpoint(ckpt, model, opt, state)
            plot_losses(os.path.join(args.out, 'loss.png'), state['train_loss'], state['val_loss'])
        if stopping:
            break
    sys.stderr.write('\n')
    print('checkpoint: %s, loss curve: %s' % (ckpt, os.path.join(args.out, 'loss.png')))
    return state


def main(argv=None):
    args = parse_args(argv)
    try:
        train(args)
    except (ValueError, OSError) as e:
        sys.stderr.write('error: %s\n' % e)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
