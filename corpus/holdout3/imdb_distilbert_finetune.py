"""Fine-tune DistilBERT on IMDB reviews with the HF Trainer."""
import numpy as np
import evaluate
from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
    set_seed,
)

MODEL_NAME = "distilbert-base-uncased"
MAX_LENGTH = 256
N_TRAIN = 8000
N_TEST = 4000

set_seed(1234)
accuracy = evaluate.load("accuracy")
f1 = evaluate.load("f1")


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    preds = np.argmax(logits, axis=-1)
    out = accuracy.compute(predictions=preds, references=labels)
    out.update(f1.compute(predictions=preds, references=labels))
    return out


def main():
    raw = load_dataset("imdb")
    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)

    def tokenize(batch):
        return tokenizer(batch["text"], truncation=True, max_length=MAX_LENGTH)

    tokenized = raw.map(tokenize, batched=True, remove_columns=["text"])
    train_ds = tokenized["train"].shuffle(seed=42).select(range(N_TRAIN))
    test_ds = tokenized["test"].shuffle(seed=42).select(range(N_TEST))

    model = AutoModelForSequenceClassification.from_pretrained(MODEL_NAME, num_labels=2)
    hparams = dict(lr=5e-5, bs=32, epochs=3, warmup=0.1)
    args = TrainingArguments(
        "out/distilbert-imdb",
        evaluation_strategy="epoch", save_strategy="epoch", logging_steps=50,
        learning_rate=hparams["lr"], warmup_ratio=hparams["warmup"],
        per_device_train_batch_size=hparams["bs"], per_device_eval_batch_size=2 * hparams["bs"],
        num_train_epochs=hparams["epochs"], gradient_accumulation_steps=2,
        load_best_model_at_end=True, metric_for_best_model="f1", greater_is_better=True,
        save_total_limit=1, bf16=True, report_to=["tensorboard"], seed=1234,
    )
    trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=test_ds, tokenizer=tokenizer, data_collator=DataCollatorWithPadding(tokenizer), compute_metrics=compute_metrics)  # expect: LL202
    trainer.train()
    metrics = trainer.evaluate()
    print({k: round(v, 4) for k, v in metrics.items() if isinstance(v, float)})
    trainer.save_model("out/distilbert-imdb/best")


if __name__ == "__main__":
    main()
