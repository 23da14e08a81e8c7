"""Jigsaw Toxic Comment Classification -- BiGRU baseline.

The competition released labels for test.csv afterwards (test_labels.csv, -1 = not scored),
so we train on train.csv (minus a validation part) and report on the labelled test rows.
"""
import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from tensorflow.keras import Model, layers
from tensorflow.keras.callbacks import EarlyStopping, ReduceLROnPlateau
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]
MAX_WORDS, MAX_LEN = 50000, 200
SEED = 2018
tf.keras.utils.set_random_seed(SEED)

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv").merge(pd.read_csv("input/test_labels.csv"), on="id")
test = test[test["toxic"] != -1].reset_index(drop=True)
print("train", train.shape, "scored test", test.shape)

tr_text, val_text, y_tr, y_val = train_test_split(train["comment_text"].fillna(""), train[LABELS].values, test_size=0.1, random_state=SEED)

tok = Tokenizer(num_words=MAX_WORDS, lower=True)
tok.fit_on_texts(tr_text)


def to_seq(texts):
    return pad_sequences(tok.texts_to_sequences(texts), maxlen=MAX_LEN)


X_tr, X_val = to_seq(tr_text), to_seq(val_text)
X_test = to_seq(test["comment_text"].fillna(""))
y_test = test[LABELS].values

inp = layers.Input(shape=(MAX_LEN,))
x = layers.Embedding(MAX_WORDS, 128)(inp)
x = layers.SpatialDropout1D(0.2)(x)
x = layers.Bidirectional(layers.GRU(80, return_sequences=True))(x)
x = layers.Concatenate()([layers.GlobalAveragePooling1D()(x), layers.GlobalMaxPooling1D()(x)])
out = layers.Dense(len(LABELS), activation="sigmoid")(x)
model = Model(inp, out)
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=[tf.keras.metrics.AUC(multi_label=True)])

callbacks = [EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True), ReduceLROnPlateau(patience=1, factor=0.5)]
model.fit(X_tr, y_tr, batch_size=256, epochs=8, validation_data=(X_val, y_val), callbacks=callbacks)

p_test = model.predict(X_test, batch_size=1024)
per_label = [roc_auc_score(y_test[:, i], p_test[:, i]) for i in range(len(LABELS))]
for name, auc in zip(LABELS, per_label):
    print(f"{name:14s} {auc:.4f}")
print(f"mean column-wise ROC AUC: {np.mean(per_label):.4f}")
