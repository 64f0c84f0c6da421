print("tools/main.py ran")
