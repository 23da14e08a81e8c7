"""Fine-tune on SST-2-like data; the eval set for checkpoint selection is carved out of train."""
import numpy as np
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

CKPT = "bert-base-uncased"


def compute_metrics(pred):
    preds = pred.predictions.argmax(-1)
    return {"accuracy": float((preds == pred.label_ids).mean())}


def main():
    raw = load_dataset("rotten_tomatoes")
    tokenizer = AutoTokenizer.from_pretrained(CKPT)
    enc = raw.map(lambda b: tokenizer(b["text"], truncation=True, padding="max_length", max_length=128), batched=True)

    carved = enc["train"].train_test_split(test_size=0.1, seed=1234)
    train_part, dev_part = carved["train"], carved["test"]

    model = AutoModelForSequenceClassification.from_pretrained(CKPT, num_labels=2)
    args = TrainingArguments(
        output_dir="ckpt/rt-bert",
        evaluation_strategy="steps",
        eval_steps=200,
        save_steps=200,
        load_best_model_at_end=True,
        metric_for_best_model="accuracy",
        num_train_epochs=4,
        seed=1234,
    )
    trainer = Trainer(model=model, args=args, train_dataset=train_part, eval_dataset=dev_part, compute_metrics=compute_metrics)
    trainer.train()

    out = trainer.predict(enc["test"])
    print("held-out test:", out.metrics)
    np.save("test_logits.npy", out.predictions)


if __name__ == "__main__":
    main()
