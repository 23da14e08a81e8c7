"""PM2.5 forecasting (Beijing multi-site air quality, Aotizhongxin station).

Chronological split first, then the scaler is fitted on the training period only.
"""
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.preprocessing import MinMaxScaler
from tensorflow import keras

STATION_FILE = "data/PRSA_Data_Aotizhongxin_20130301-20170228.csv"
COLUMNS = ["PM2.5", "PM10", "SO2", "NO2", "CO", "O3", "TEMP", "PRES", "DEWP", "WSPM"]
LOOKBACK = 24
HORIZON = 6


def load():
    df = pd.read_csv(STATION_FILE)
    df["time"] = pd.to_datetime(df[["year", "month", "day", "hour"]])
    df = df.set_index("time").sort_index()
    # short sensor gaps: carry the last reading forward, long gaps stay NaN and are dropped
    df[COLUMNS] = df[COLUMNS].ffill(limit=3)
    return df[COLUMNS].dropna()


def scale_frame(frame, scaler=None):
    if scaler is None:
        scaler = MinMaxScaler().fit(frame)
    return scaler.transform(frame), scaler


def windows(arr, lookback, horizon):
    X, y = [], []
    for t in range(lookback, len(arr) - horizon + 1):
        X.append(arr[t - lookback:t])
        y.append(arr[t + horizon - 1, 0])
    return np.stack(X), np.array(y)


data = load()
split_at = data.index[int(len(data) * 0.8)]
train_df, test_df = data[data.index < split_at], data[data.index >= split_at]
print(f"train until {split_at}, {len(train_df)} / {len(test_df)} hours")

train_arr, scaler = scale_frame(train_df)
test_arr, _ = scale_frame(test_df, scaler)

X_train, y_train = windows(train_arr, LOOKBACK, HORIZON)
X_test, y_test = windows(test_arr, LOOKBACK, HORIZON)

model = keras.Sequential([
    keras.layers.Input(shape=(LOOKBACK, len(COLUMNS))),
    keras.layers.LSTM(64),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mae")
model.fit(X_train, y_train, epochs=40, batch_size=128, validation_split=0.1, shuffle=False, callbacks=[keras.callbacks.EarlyStopping(patience=4, restore_best_weights=True)])

pm_min, pm_max = scaler.data_min_[0], scaler.data_max_[0]
pred = model.predict(X_test).ravel() * (pm_max - pm_min) + pm_min
truth = y_test * (pm_max - pm_min) + pm_min
print(f"MAE (+{HORIZON}h PM2.5): {mean_absolute_error(truth, pred):.2f} ug/m3")
