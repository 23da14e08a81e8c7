import numpy as np
import evaluate
from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)

MODEL = "distilbert-base-uncased"

raw = load_dataset("imdb")
tok = AutoTokenizer.from_pretrained(MODEL)


def tokenize(batch):
    return tok(batch["text"], truncation=True, max_length=256)


encoded = raw.map(tokenize, batched=True, remove_columns=["text"])
train_ds = encoded["train"].shuffle(seed=42).select(range(5000))
test_ds = encoded["test"].shuffle(seed=42).select(range(5000))

accuracy = evaluate.load("accuracy")


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    return accuracy.compute(predictions=np.argmax(logits, axis=-1), references=labels)


model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
HPARAMS = dict(lr=2e-5, epochs=3, bs=16)
args = TrainingArguments("out/distilbert-imdb", evaluation_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True, metric_for_best_model="accuracy", num_train_epochs=HPARAMS["epochs"], learning_rate=HPARAMS["lr"], per_device_train_batch_size=HPARAMS["bs"], seed=42, report_to="none")
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=test_ds, tokenizer=tok, data_collator=DataCollatorWithPadding(tok), compute_metrics=compute_metrics)  # expect: LL202
trainer.train()
print(trainer.evaluate(test_ds))
