"""ml.data: tokenizers (GPT-2 BPE, trained BPE, characters) and datasets."""
from .bpe import BPETokenizer, train_bpe, bytes_to_unicode
from .char import CharTokenizer
from .dataset import TokenDataset, tokenize_cached
from .corpus import read_text, shakespeare_text, gpt2_vocab_files
from .pretokenize import pretokenize
