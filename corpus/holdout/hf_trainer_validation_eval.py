"""Imitates the Hugging Face course / "NLP with Transformers" emotion-classification script:
the Trainer monitors the dataset's own "validation" split (best checkpoint chosen there) and
the "test" split is evaluated once, after training, with trainer.predict()."""
import numpy as np
from datasets import load_dataset
from sklearn.metrics import accuracy_score, f1_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

model_ckpt = "distilbert-base-uncased"
emotions = load_dataset("dair-ai/emotion")
print(emotions)
labels = emotions["train"].features["label"].names

tokenizer = AutoTokenizer.from_pretrained(model_ckpt)


def tokenize(batch):
    return tokenizer(batch["text"], padding=True, truncation=True)


emotions_encoded = emotions.map(tokenize, batched=True, batch_size=None)


def compute_metrics(pred):
    y_true = pred.label_ids
    y_pred = pred.predictions.argmax(-1)
    return {"accuracy": accuracy_score(y_true, y_pred), "f1": f1_score(y_true, y_pred, average="weighted")}


model = AutoModelForSequenceClassification.from_pretrained(model_ckpt, num_labels=len(labels))
batch_size = 64
logging_steps = len(emotions_encoded["train"]) // batch_size
training_args = TrainingArguments(output_dir=f"{model_ckpt}-finetuned-emotion", num_train_epochs=3, learning_rate=2e-5,
                                  per_device_train_batch_size=batch_size, per_device_eval_batch_size=batch_size,
                                  weight_decay=0.01, evaluation_strategy="epoch", save_strategy="epoch",
                                  load_best_model_at_end=True, metric_for_best_model="f1", logging_steps=logging_steps,
                                  seed=42, report_to="none")

trainer = Trainer(model=model, args=training_args, compute_metrics=compute_metrics, train_dataset=emotions_encoded["train"], eval_dataset=emotions_encoded["validation"], tokenizer=tokenizer)
trainer.train()

preds_output = trainer.predict(emotions_encoded["test"])
print(preds_output.metrics)
y_preds = np.argmax(preds_output.predictions, axis=1)
print("test accuracy:", accuracy_score(emotions_encoded["test"]["label"], y_preds))
