"""BigMart sales: item-type average visibility computed on the training rows only."""
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

TARGET = "Item_Outlet_Sales"

df = pd.read_csv("data/bigmart_train.csv")
df["Item_Visibility"] = df["Item_Visibility"].replace(0, np.nan)
df["Item_Fat_Content"] = df["Item_Fat_Content"].replace({"LF": "Low Fat", "low fat": "Low Fat", "reg": "Regular"})
df = pd.get_dummies(df, columns=["Outlet_Type", "Outlet_Location_Type", "Item_Fat_Content"], dtype=int)

train_df, test_df = train_test_split(df, test_size=0.2, random_state=5)
train_df, test_df = train_df.copy(), test_df.copy()

vis_fill = train_df["Item_Visibility"].median()
weight_fill = train_df["Item_Weight"].median()
train_df["Item_Visibility"] = train_df["Item_Visibility"].fillna(vis_fill)
test_df["Item_Visibility"] = test_df["Item_Visibility"].fillna(vis_fill)
train_df["Item_Weight"] = train_df["Item_Weight"].fillna(weight_fill)
test_df["Item_Weight"] = test_df["Item_Weight"].fillna(weight_fill)

train_df["vis_type_mean"] = train_df.groupby("Item_Type")["Item_Visibility"].transform("mean")
type_means = train_df.groupby("Item_Type")["Item_Visibility"].mean()
test_df["vis_type_mean"] = test_df["Item_Type"].map(type_means).fillna(vis_fill)
train_df["vis_ratio"] = train_df["Item_Visibility"] / train_df["vis_type_mean"]
test_df["vis_ratio"] = test_df["Item_Visibility"] / test_df["vis_type_mean"]

drop = [TARGET, "Item_Identifier", "Outlet_Identifier", "Item_Type"]
X_train, y_train = train_df.drop(columns=drop), train_df[TARGET]
X_test, y_test = test_df.drop(columns=drop), test_df[TARGET]

gbr = GradientBoostingRegressor(n_estimators=300, max_depth=4, learning_rate=0.05, random_state=5)
gbr.fit(X_train, y_train)
print("test MAE:", round(mean_absolute_error(y_test, gbr.predict(X_test)), 2))
