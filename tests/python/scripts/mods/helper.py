VALUE = 42
def twice(x):
    return 2 * x
if __name__ == "__main__":
    print("helper run directly")
print("helper imported as", __name__)
