# BBC news topic classification (business, entertainment, politics, sport, tech)
# Keras BiLSTM baseline.
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder
from tensorflow.keras import layers, models
from tensorflow.keras.callbacks import EarlyStopping
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

SEED = 7
VOCAB_SIZE = 20000
MAX_LEN = 400
EMB_DIM = 128

tf.random.set_seed(SEED)

STOPWORDS = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "is", "was", "it", "that", "with", "as", "by", "at"}


def clean(text):
    text = text.lower()
    text = re.sub(r"[^a-z\s]", " ", text)
    return " ".join(w for w in text.split() if w not in STOPWORDS)


df = pd.read_csv("data/bbc-text.csv")
print(df.shape)
print(df["category"].value_counts())
df["text"] = df["text"].apply(clean)

tokenizer = Tokenizer(num_words=VOCAB_SIZE, oov_token="<OOV>")
tokenizer.fit_on_texts(df["text"])  # expect: LL101
sequences = tokenizer.texts_to_sequences(df["text"])
X = pad_sequences(sequences, maxlen=MAX_LEN, padding="post", truncating="post")

label_enc = LabelEncoder()
y = label_enc.fit_transform(df["category"])
n_classes = len(label_enc.classes_)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=SEED, stratify=y)


def build_model():
    m = models.Sequential([
        layers.Embedding(VOCAB_SIZE, EMB_DIM, input_length=MAX_LEN),
        layers.Bidirectional(layers.LSTM(64)),
        layers.Dropout(0.4),
        layers.Dense(64, activation="relu"),
        layers.Dense(n_classes, activation="softmax"),
    ])
    m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return m


model = build_model()
model.summary()
stopper = EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)
history = model.fit(X_train, y_train, epochs=30, batch_size=64, validation_data=(X_test, y_test), callbacks=[stopper])  # expect: LL202

loss, acc = model.evaluate(X_test, y_test, verbose=0)
print(f"test accuracy: {acc:.4f}")

fig, ax = plt.subplots(1, 2, figsize=(10, 4))
ax[0].plot(history.history["loss"], label="train")
ax[0].plot(history.history["val_loss"], label="val")
ax[1].plot(history.history["accuracy"], label="train")
ax[1].plot(history.history["val_accuracy"], label="val")
for a in ax:
    a.legend()
plt.savefig("bbc_lstm_curves.png")

# model.save("bbc_lstm.keras")
sample = ["The central bank raised interest rates again amid inflation fears"]
probs = model.predict(pad_sequences(tokenizer.texts_to_sequences([clean(s) for s in sample]), maxlen=MAX_LEN))
print(label_enc.inverse_transform(np.argmax(probs, axis=1)))
