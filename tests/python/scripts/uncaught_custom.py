class AppError(Exception):
    pass
def run():
    try:
        raise ValueError("inner problem")
    except ValueError as e:
        raise AppError("wrapped") from e
run()
