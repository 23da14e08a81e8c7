"""Next-day closing price of AAPL with a stacked LSTM (60-day windows)."""
import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error
from sklearn.preprocessing import MinMaxScaler
from tensorflow import keras
from tensorflow.keras import layers

WINDOW = 60
TRAIN_FRAC = 0.8


def make_windows(series, window):
    xs, ys = [], []
    for i in range(window, len(series)):
        xs.append(series[i - window:i, 0])
        ys.append(series[i, 0])
    return np.array(xs)[..., np.newaxis], np.array(ys)


prices = pd.read_csv("data/AAPL.csv", parse_dates=["Date"]).sort_values("Date").reset_index(drop=True)
prices = prices[prices["Date"] >= "2012-01-01"]
print(prices[["Date", "Close"]].tail())

close = prices[["Close"]].to_numpy()
scaler = MinMaxScaler(feature_range=(0, 1))
scaled = scaler.fit_transform(close)  # expect: LL101

X, y = make_windows(scaled, WINDOW)
cut = int(len(X) * TRAIN_FRAC)
X_train, y_train = X[:cut], y[:cut]
X_test, y_test = X[cut:], y[cut:]
print("train windows", X_train.shape, "test windows", X_test.shape)

model = keras.Sequential([
    layers.Input(shape=(WINDOW, 1)),
    layers.LSTM(64, return_sequences=True),
    layers.Dropout(0.2),
    layers.LSTM(32),
    layers.Dense(16, activation="relu"),
    layers.Dense(1),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
early = keras.callbacks.EarlyStopping(monitor="val_loss", patience=8, restore_best_weights=True)
model.fit(X_train, y_train, epochs=100, batch_size=32, validation_data=(X_test, y_test), callbacks=[early], verbose=2)  # expect: LL202

pred = scaler.inverse_transform(model.predict(X_test)).ravel()
truth = scaler.inverse_transform(y_test.reshape(-1, 1)).ravel()
print("RMSE:", math.sqrt(mean_squared_error(truth, pred)))
print("MAE :", mean_absolute_error(truth, pred))

dates = prices["Date"].iloc[WINDOW + cut:]
plt.figure(figsize=(12, 5))
plt.plot(dates, truth, label="actual")
plt.plot(dates, pred, label="predicted")
plt.legend()
plt.title("AAPL close: LSTM forecast on the last 20%")
plt.savefig("aapl_lstm.png", dpi=120)
