"""Imitates the Hugging Face "fine-tune a pretrained model" tutorial turned into a script for
IMDB sentiment with DistilBERT: the tokenized "test" split is given to the Trainer as
eval_dataset with load_best_model_at_end=True, and the final evaluate() on that same split is
reported as the test accuracy."""
import numpy as np
import evaluate
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding,
                          Trainer, TrainingArguments, set_seed)

MODEL_NAME = "distilbert-base-uncased"
SEED = 42
set_seed(SEED)

imdb = load_dataset("imdb")
small_train = imdb["train"].shuffle(seed=SEED).select(range(5000))
small_test = imdb["test"].shuffle(seed=SEED).select(range(2000))

tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)


def preprocess_function(examples):
    return tokenizer(examples["text"], truncation=True, max_length=256)


tokenized_train = small_train.map(preprocess_function, batched=True)
tokenized_test = small_test.map(preprocess_function, batched=True)
data_collator = DataCollatorWithPadding(tokenizer=tokenizer)

accuracy = evaluate.load("accuracy")


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    predictions = np.argmax(logits, axis=1)
    return accuracy.compute(predictions=predictions, references=labels)


id2label = {0: "NEGATIVE", 1: "POSITIVE"}
label2id = {"NEGATIVE": 0, "POSITIVE": 1}
model = AutoModelForSequenceClassification.from_pretrained(MODEL_NAME, num_labels=2, id2label=id2label, label2id=label2id)

training_args = TrainingArguments(
    output_dir="imdb_distilbert",
    learning_rate=2e-5,
    per_device_train_batch_size=16,
    per_device_eval_batch_size=32,
    num_train_epochs=4,
    weight_decay=0.01,
    evaluation_strategy="epoch",
    save_strategy="epoch",
    load_best_model_at_end=True,
    metric_for_best_model="accuracy",
    seed=SEED,
)

trainer = Trainer(model=model, args=training_args, train_dataset=tokenized_train, eval_dataset=tokenized_test, tokenizer=tokenizer, data_collator=data_collator, compute_metrics=compute_metrics)  # expect: LL202
trainer.train()

metrics = trainer.evaluate()
print("test accuracy:", metrics["eval_accuracy"])
trainer.save_model("imdb_distilbert/best")
