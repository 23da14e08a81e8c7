"""Medical cost personal dataset: predict yearly charges."""
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

ins = pd.read_csv("insurance.csv")
ins = pd.get_dummies(ins, columns=["sex", "smoker", "region"], drop_first=True)
ins["bmi_over_30"] = (ins["bmi"] > 30).astype(int)
ins["age_sq"] = ins["age"] ** 2
ins["cost_per_dependent"] = ins["charges"] / (ins["children"] + 1)  # expect: LL403

target = ins["charges"]
inputs = ins.drop(columns=["charges"])
print(inputs.describe().T)

gbm = GradientBoostingRegressor(n_estimators=500, max_depth=3, learning_rate=0.05, random_state=8)
gbm.fit(inputs, target)  # expect: LL302

_, in_test, _, t_test = train_test_split(inputs, target, test_size=0.2, random_state=8)
print(f"R2 on test: {r2_score(t_test, gbm.predict(in_test)):.3f}")

importance = pd.Series(gbm.feature_importances_, index=inputs.columns)
print(importance.sort_values(ascending=False).round(3))
