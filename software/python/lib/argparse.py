"""argparse: the subset our programs use - optional (--name / -n) and
positional arguments with type, default, choices, nargs ('?', '*', '+', N),
action store / store_true / store_false / append / count, help and usage."""
import sys


class Namespace:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __repr__(self):
        return 'Namespace(%s)' % ', '.join('%s=%r' % kv for kv in sorted(self.__dict__.items()))

    def __contains__(self, key):
        return key in self.__dict__


class ArgumentError(Exception):
    pass


class _Arg:
    def __init__(self, names, kw):
        self.names = names
        self.positional = not names[0].startswith('-')
        longest = max(names, key=len)
        self.dest = kw.get('dest') or (longest if self.positional else longest.lstrip('-').replace('-', '_'))
        self.action = kw.get('action', 'store')
        self.type = kw.get('type')
        self.choices = kw.get('choices')
        self.nargs = kw.get('nargs')
        self.required = kw.get('required', self.positional and self.nargs not in ('?', '*'))
        self.help = kw.get('help', '')
        self.metavar = kw.get('metavar')
        if 'default' in kw:
            self.default = kw['default']
        elif self.action == 'store_true':
            self.default = False
        elif self.action == 'store_false':
            self.default = True
        elif self.action == 'count':
            self.default = None
        else:
            self.default = [] if self.nargs == '*' and self.positional else None

    def convert(self, parser, text):
        value = text
        if self.type is not None:
            try:
                value = self.type(text)
            except (TypeError, ValueError):
                name = getattr(self.type, '__name__', repr(self.type))
                parser.error('argument %s: invalid %s value: %r' % ('/'.join(self.names), name, text))
        if self.choices is not None and value not in self.choices:
            parser.error('argument %s: invalid choice: %r (choose from %s)' % (
                '/'.join(self.names), value, ', '.join(repr(c) for c in self.choices)))
        return value


class ArgumentParser:
    def __init__(self, prog=None, description=None, epilog=None, **kw):
        self.prog = prog or (sys.argv[0].split('/')[-1] if sys.argv else 'prog')
        self.description = description
        self.epilog = epilog
        self.args = []
        self.add_argument('-h', '--help', action='help', help='show this help message and exit')

    def add_argument(self, *names, **kw):
        arg = _Arg(list(names), kw)
        self.args.append(arg)
        return arg

    def add_mutually_exclusive_group(self, **kw):
        return self

    def add_argument_group(self, *a, **kw):
        return self

    def set_defaults(self, **kw):
        for a in self.args:
            if a.dest in kw:
                a.default = kw[a.dest]
        self._extra_defaults = kw

    def format_usage(self):
        parts = []
        for a in self.args:
            if a.positional:
                parts.append(a.metavar or a.dest)
            elif a.action in ('store_true', 'store_false', 'help', 'count'):
                parts.append('[%s]' % a.names[0])
            else:
                parts.append('[%s %s]' % (a.names[0], a.metavar or a.dest.upper()))
        return 'usage: %s %s\n' % (self.prog, ' '.join(parts))

    def format_help(self):
        text = self.format_usage()
        if self.description:
            text += '\n' + self.description + '\n'
        text += '\noptions:\n'
        for a in self.args:
            text += '  %-24s %s\n' % (', '.join(a.names), a.help or '')
        return text

    def print_help(self, file=None):
        (file or sys.stdout).write(self.format_help())

    def print_usage(self, file=None):
        (file or sys.stdout).write(self.format_usage())

    def error(self, message):
        sys.stderr.write(self.format_usage())
        sys.stderr.write('%s: error: %s\n' % (self.prog, message))
        sys.exit(2)

    def exit(self, status=0, message=None):
        if message:
            sys.stderr.write(message)
        sys.exit(status)

    def _find(self, token):
        for a in self.args:
            if not a.positional and token in a.names:
                return a
        matches = [a for a in self.args if not a.positional and any(n.startswith(token) for n in a.names if n.startswith('--'))]
        if token.startswith('--') and len(matches) == 1:
            return matches[0]
        return None

    def parse_known_args(self, args=None, namespace=None):
        argv = list(sys.argv[1:] if args is None else args)
        ns = namespace or Namespace()
        for a in self.args:
            if a.action != 'help' and not hasattr(ns, a.dest):
                setattr(ns, a.dest, list(a.default) if isinstance(a.default, list) else a.default)
        for k, v in getattr(self, '_extra_defaults', {}).items():
            if not hasattr(ns, k):
                setattr(ns, k, v)
        positionals = [a for a in self.args if a.positional]
        seen, extras, pos_values, i = set(), [], [], 0
        while i < len(argv):
            tok = argv[i]
            if tok == '--':
                pos_values.extend(argv[i + 1:])
                break
            if tok.startswith('-') and tok != '-' and not _is_number(tok):
                name, eq, inline = tok.partition('=')
                a = self._find(name)
                if a is None:
                    extras.append(tok)
                    i += 1
                    continue
                seen.add(a.dest)
                if a.action == 'help':
                    self.print_help()
                    sys.exit(0)
                if a.action in ('store_true', 'store_false'):
                    setattr(ns, a.dest, a.action == 'store_true')
                elif a.action == 'count':
                    setattr(ns, a.dest, (getattr(ns, a.dest) or 0) + 1)
                else:
                    values = []
                    if eq:
                        values = [inline]
                    else:
                        want = a.nargs
                        j = i + 1
                        while j < len(argv) and (not argv[j].startswith('-') or _is_number(argv[j])):
                            if want in (None, '?') and values:
                                break
                            if isinstance(want, int) and len(values) == want:
                                break
                            values.append(argv[j])
                            j += 1
                        i = j - 1
                    if not values and a.nargs not in ('?', '*'):
                        self.error('argument %s: expected one argument' % '/'.join(a.names))
                    converted = [a.convert(self, v) for v in values]
                    if a.nargs in (None, '?'):
                        value = converted[0] if converted else a.default
                    else:
                        value = converted
                    if a.action == 'append':
                        setattr(ns, a.dest, (getattr(ns, a.dest) or []) + [value])
                    else:
                        setattr(ns, a.dest, value)
                i += 1
                continue
            pos_values.append(tok)
            i += 1
        for a in positionals:
            if a.nargs in ('*', '+'):
                take, pos_values = pos_values, []
                if a.nargs == '+' and not take:
                    self.error('the following arguments are required: %s' % a.dest)
                setattr(ns, a.dest, [a.convert(self, v) for v in take])
            elif isinstance(a.nargs, int):
                take, pos_values = pos_values[:a.nargs], pos_values[a.nargs:]
                setattr(ns, a.dest, [a.convert(self, v) for v in take])
            elif pos_values:
                setattr(ns, a.dest, a.convert(self, pos_values.pop(0)))
                seen.add(a.dest)
            elif a.required:
                self.error('the following arguments are required: %s' % a.dest)
        missing = [a for a in self.args if not a.positional and a.required and a.dest not in seen]
        if missing:
            self.error('the following arguments are required: %s' % ', '.join('/'.join(a.names) for a in missing))
        return ns, extras + pos_values

    def parse_args(self, args=None, namespace=None):
        ns, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error('unrecognized arguments: %s' % ' '.join(extras))
        return ns


def _is_number(tok):
    try:
        float(tok)
        return True
    except ValueError:
        return False
