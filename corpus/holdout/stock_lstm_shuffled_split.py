"""Imitates a "predict tomorrow's stock price with an LSTM" blog post: the CSV's Date column
is parsed and sorted, sliding windows of the previous 60 closing prices are built, and the
windows are then split with train_test_split, which shuffles them by default."""
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split
from tensorflow.keras.layers import LSTM, Dense, Dropout
from tensorflow.keras.models import Sequential

WINDOW = 60

df = pd.read_csv("AAPL.csv")
df["Date"] = pd.to_datetime(df["Date"])
df = df.sort_values("Date").set_index("Date")
print(df.tail())
df["Close"].plot(figsize=(14, 5), title="AAPL close")
plt.show()

close = df["Close"].values.reshape(-1, 1)
# scale with a fixed reference so the numbers stay around 1
close = close / 100.0

X, y = [], []
for i in range(WINDOW, len(close)):
    X.append(close[i - WINDOW:i, 0])
    y.append(close[i, 0])
X, y = np.array(X), np.array(y)
X = X.reshape((X.shape[0], X.shape[1], 1))

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)  # expect: LL402

model = Sequential()
model.add(LSTM(units=50, return_sequences=True, input_shape=(X_train.shape[1], 1)))
model.add(Dropout(0.2))
model.add(LSTM(units=50))
model.add(Dropout(0.2))
model.add(Dense(1))
model.compile(optimizer="adam", loss="mean_squared_error")
model.fit(X_train, y_train, epochs=25, batch_size=32, verbose=2)

pred = model.predict(X_test).ravel()
rmse = np.sqrt(np.mean((pred - y_test) ** 2)) * 100
print("test RMSE ($):", rmse)
plt.plot(y_test[:200] * 100, label="actual")
plt.plot(pred[:200] * 100, label="predicted")
plt.legend()
plt.show()
