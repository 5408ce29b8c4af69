from ..helper import twice
def greet(name):
    return f"hello {name} x{twice(2)}"
