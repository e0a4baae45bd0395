"""The built-in sample: takes an empty Library, gives it the sample issue (石景山报 2019-04-25, 第30期（总第1809期）)."""
