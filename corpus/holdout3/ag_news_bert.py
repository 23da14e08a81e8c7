"""AG News topic classification: fine-tune bert-base-uncased.

The official test split is only used once, after training; model selection uses a
validation split carved out of the official training split.
"""
import numpy as np
from datasets import load_dataset
from sklearn.metrics import accuracy_score, classification_report, f1_score
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    EarlyStoppingCallback,
    Trainer,
    TrainingArguments,
)

CHECKPOINT = "bert-base-uncased"
LABELS = ["World", "Sports", "Business", "Sci/Tech"]
SEED = 17

tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)


def encode(batch):
    return tokenizer(batch["text"], truncation=True, padding="max_length", max_length=128)


def metrics_fn(pred):
    y_pred = pred.predictions.argmax(-1)
    return {"accuracy": accuracy_score(pred.label_ids, y_pred), "macro_f1": f1_score(pred.label_ids, y_pred, average="macro")}


ag = load_dataset("ag_news")
parts = ag["train"].train_test_split(test_size=0.05, seed=SEED, stratify_by_column="label")
train_ds = parts["train"].map(encode, batched=True)
dev_ds = parts["test"].map(encode, batched=True)
test_ds = ag["test"].map(encode, batched=True)

model = AutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)))

training_args = TrainingArguments(
    output_dir="runs/ag_news_bert",
    num_train_epochs=3,
    per_device_train_batch_size=32,
    per_device_eval_batch_size=128,
    learning_rate=3e-5,
    warmup_ratio=0.06,
    evaluation_strategy="steps",
    eval_steps=500,
    save_steps=500,
    load_best_model_at_end=True,
    metric_for_best_model="macro_f1",
    seed=SEED,
    report_to="none",
)
trainer = Trainer(model=model, args=training_args, train_dataset=train_ds, eval_dataset=dev_ds, compute_metrics=metrics_fn, callbacks=[EarlyStoppingCallback(early_stopping_patience=3)])
trainer.train()

out = trainer.predict(test_ds)
y_pred = np.argmax(out.predictions, axis=-1)
print(classification_report(out.label_ids, y_pred, target_names=LABELS, digits=4))
